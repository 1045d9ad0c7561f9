"""Facts every stage shares: the dataclasses passed between stages, the forms and their
columns, outcome and status labels, and how warehouse values read back. No I/O, no imports
from any other part of the package: everything else may import this.
"""
