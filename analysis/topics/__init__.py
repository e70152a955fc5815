"""Key terms and topics: TF-IDF, keyness, LDA topic models and choosing k."""
