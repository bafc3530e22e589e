"""Language evidence shared by detectors: language ID, word frequencies, data files.

German is the target language; everything language-specific the line detectors
need (phrase lists, field names, agency names) lives in TOML files under
``qc/data`` and is loaded once through :func:`qc.lang.data.load_data`.
"""
