"""The options shared by several commands, and `validate`'s: names, short forms and help.

Typer-free, so that the quick road of `clsm validate` (main.py) recognises exactly the
options the typer application declares for it (app_files.py): both read them here.
"""

from dataclasses import dataclass

from ..formats import DiffFormat, EvaluationFormat, ProblemFormat, ReportFormat, choices


@dataclass(frozen=True, slots=True)
class Flag:
    """An option as typed on the command line, and its help."""

    names: tuple[str, ...]
    help: str
    metavar: str | None = None
    """What the help shows as its value (`-f, --format FORMAT`); None for a switch."""

    def matches(self, token: str) -> bool:
        """Whether a token is this option, alone or as `--name=value`."""
        return token in self.names or token.partition("=")[0] in self.names[:1]


PAR_DEFAUT = "plans/, sinon le territoire où l'on se trouve, sinon ceux du dossier courant"
"""What the commands take when no path is given, as their help says it (run.default_paths)."""

FICHIER = "FICHIER"
DOSSIER = "DOSSIER"
FORMAT = "FORMAT"
"""The placeholders of option values in the help (`-o, --output FICHIER`), in French."""

STRICT = Flag(("--strict",), "Les avertissements font aussi échouer.")
PROBLEM_FORMAT = Flag(
    ("--format", "-f"),
    f"Forme du rapport : {choices(ProblemFormat)} (par défaut : {ProblemFormat.TEXT}).",
    metavar=FORMAT,
)
REPORT_FORMAT = Flag(
    ("--format", "-f"),
    f"{choices(ReportFormat)} (par défaut : l'extension de -o, sinon html).",
    metavar=FORMAT,
)
EVALUATION_FORMAT = Flag(
    ("--format", "-f"),
    f"{choices(EvaluationFormat)} (par défaut : l'extension de -o, sinon html ; xlsx : le"
    " tableau de suivi, à filtrer).",
    metavar=FORMAT,
)
DIFF_FORMAT = Flag(
    ("--format", "-f"),
    f"{choices(DiffFormat)} (md : à coller dans un compte rendu).",
    metavar=FORMAT,
)
OUTPUT = ("--output", "-o")
"""`-o`: each command says what it writes there, and where by default."""
DOCUMENT_OUTPUT = "Fichier à écrire, dont l'extension dit le format (par défaut : out/{nom}.<ext>)."
"""`-o`'s help for a document whose format the file's extension chooses (report, evaluation),
`{nom}` its default name."""
TEMPLATES = Flag(("--templates",), "Dossier de modèles personnalisés.", metavar=DOSSIER)
FORCE = Flag(("--force",), "Remplace un fichier existant qui ne vient pas de clsm.")
FORCE_WORKBOOK = Flag(("--force",), "Remplace un classeur existant.")
GARDER_VALIDES = Flag(
    ("--garder-valides",),
    "Fusionne les lignes valides d'une fiche de collecte même si d'autres ont des erreurs"
    " (elles sont laissées de côté, et dites).",
)
