"""What needs many articles: one actor across articles (`actors`), one happening across outlets (`stories`),
quotes set beside the events they speak of (`quotes`). The store keeps them current as articles are saved
(`store.corpus_index`) and reads them back side by side (`store.corpus_views`)."""
