"""Tools around cpmo that are not part of the product: the benchmark harness (`cpmo bench`)."""
