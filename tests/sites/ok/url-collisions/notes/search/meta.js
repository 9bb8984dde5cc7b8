// not kb's search index
