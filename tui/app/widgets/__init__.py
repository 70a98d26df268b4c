"""The main screen's panes and their building blocks."""
