"""probanker's pure finance library: no Django import, Decimal in, Decimal out."""
