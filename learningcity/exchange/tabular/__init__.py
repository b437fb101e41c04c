"""Tables in and out: reading CSV/XLSX safely and as a stream, checking rows against a
Table Schema (Frictionless Data), and writing CSV/XLSX/JSON that reads back in unchanged."""
