"""SIGKILL harness (issue 9): kill `jinxiao intake` at a step boundary, rerun, compare."""
