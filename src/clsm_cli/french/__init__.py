"""French for people: agreement of words with counts (agreement), dates, numbers and
percentages as a French reader writes them (formatting, Babel)."""
