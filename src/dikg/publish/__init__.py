"""What dikg publishes: dumps, canonical Turtle files, HTML documentation."""
