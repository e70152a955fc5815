"""Vietnamese text: folding, syllables, pyvi tokens, stopwords."""
