"""Writing the bilan: each format (formats), Jinja for HTML and Markdown (jinja), Word
(word, word_markdown, wordml), the charts drawn by matplotlib in a second process (charts)."""
