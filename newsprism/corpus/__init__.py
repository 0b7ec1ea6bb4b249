"""What needs many articles: one actor across articles (`actors`), one happening across outlets (`stories`),
quotes set beside the events they speak of (`quotes`), kept current in the database as articles are stored
(`index`) and shown side by side (`views`)."""
