"""The shared small encoder (all-MiniLM-L6-v2) run through onnxruntime, for every head that needs it."""
