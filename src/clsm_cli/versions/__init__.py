"""What changed between two versions of a territory, in the plan's own terms: the comparison
(changes), the two sides read from paths or git revisions and the rendering (sides)."""
