-- How sure the category classifier was (0..1) of each activity's category, beside
-- category_source: column (the city's 类别 cell), confirmed (that cell and the lexicon agree),
-- rules (the lexicon alone; the reports call it 按规则归类). NULL for rows loaded before.
ALTER TABLE activity ADD COLUMN category_confidence {{num}};
