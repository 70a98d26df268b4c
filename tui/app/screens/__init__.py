"""The app's screens: the main screen, modal forms, help and dialogs."""
