"""What changed between two versions of a territory, in the plan's own terms (`clsm diff`).

- changes: a change (`Changement`, the items of `--format json`) and what every comparison
  shares: pairing two versions by key, fields changed with before and after, word diff;
- plans, activities, territory: the comparison of each kind of file (a plan; a year's
  activity; clsm.yaml and partenaires.yaml);
- sides: the two sides read from files or folders of territories, and a territory's folder
  compared file by file;
- revisions: `clsm diff`'s words, and git revisions read into temporary folders as sides;
- render: the changes as text, Markdown or JSON.
"""
