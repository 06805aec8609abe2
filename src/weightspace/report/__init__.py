"""Reports: figures (matplotlib) and the HTML atlas."""
