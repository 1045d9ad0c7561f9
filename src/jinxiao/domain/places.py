"""Words a city writes for "the whole city" where a county is asked for, as one fact for the
reader (a sheet so named is the city's own level) and the county normaliser (全市)."""

from __future__ import annotations

# Compared after NFKC, so the brackets are ASCII.
CITYWIDE = frozenset(
    {"全市", "市本级", "本级", "全市范围", "全市域", "全域", "市区", "市直", "全市各县区"}
    | {"各县区", "各县市区", "各县(市、区)", "各县(区、市)", "全市各县(市、区)", "所有县区"}
)
