"""Realistic sample files and emails: the demo mailbox, the benchmark and the tests build on these."""
