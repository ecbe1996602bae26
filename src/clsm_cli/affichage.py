"""The fields of the files that no output shows, and why: the guide lists them.

Every other field is shown by the bilan, the exported grid or the plan's evaluation:
`tests/test_shown.py` fills every field of a territory with a distinctive value and looks for
it in the three.
"""

NON_MONTRES: dict[tuple[str, str], str] = {
    ("territoire", "nature"): (
        "Classe le dossier (CLSM, CLS, programme…) pour les outils ; le bilan nomme le"
        " partenariat par son nom (« nom »), qui le dit déjà."
    ),
    ("territoire", "instances.id"): (
        "Identifiant par lequel les réunions nomment l'instance ; le bilan montre son nom."
    ),
    ("territoire", "instances.membres.jusqu_a"): (
        "Décide si le membre est listé dans le bilan d'une année (après cette année, il ne"
        " l'est plus) ; la date elle-même n'est pas écrite."
    ),
    ("territoire", "instances.type"): (
        "Classe l'instance (comité de pilotage, cellule…) ; le bilan la présente par son nom."
    ),
    ("territoire", "notes"): "Notes pour la coordination : elles restent dans le fichier.",
    ("activite", "realisations.id"): (
        "Identifiant par lequel d'autres fichiers nomment la réalisation ; le bilan montre"
        " son intitulé."
    ),
    ("activite", "saisines.partenaire"): (
        "Relie la saisine à l'annuaire, pour compter les partenaires actifs de l'année ; le"
        " bilan écrit « saisissant », tel que la coordination l'a formulé."
    ),
    ("activite", "saisines.invites"): (
        "Comptées parmi les partenaires actifs de l'année ; le tableau des saisines ne les"
        " nomme pas, pour ne pas en dire plus sur une situation individuelle."
    ),
    ("activite", "depenses.commentaire"): (
        "Pas encore montré : le tableau des financements de l'année donne les montants"
        " prévus et dépensés, sans leur explication (issue 14, point 2)."
    ),
}
"""(kind of file, dotted path of the field) → why no output shows it, in French."""
