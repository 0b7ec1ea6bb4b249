"""What needs many articles: one actor across articles (`actors`: an entity's keys, which actor it joins, its
name, and which mentions name no one), one happening across outlets (`stories`: what an event's signature
holds, who takes part in it, and when two events are one story), quotes set beside the events they speak of
(`quotes`). The store keeps them current as articles are saved (`store.corpus_index`, which only reads and
writes rows by these rules) and reads them back side by side (`store.corpus_views`)."""
