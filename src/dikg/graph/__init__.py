"""The graph as one loaded store: its files, parsed once, one named graph each."""
