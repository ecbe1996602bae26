"""The command line: the entry point (entry), its typer-free validate road (main), the typer
application (app), usage errors and help in French (usage)."""
