"""French for people: agreement of words with counts (agreement), dates, numbers and
percentages as a French reader writes them (formatting, Babel), and the Jinja sandbox whose
filters use them, shared by the bilan and the grids' computed columns (templating)."""
