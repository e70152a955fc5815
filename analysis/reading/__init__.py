"""Reading a corpus: files → documents (layout, dates, markup, sentences)."""
