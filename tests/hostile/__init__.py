"""The hostile mail corpus (issue 9): a generator and a runner that pushes it through intake."""
