"""Reports a clerk sends upward: the figures (queries over the views), the workbook, the Word
narrative, the 附件2 roll-up and the blank results templates for the cities. Reads the
warehouse; writes files to the output folder (reports.build decides which).
"""
