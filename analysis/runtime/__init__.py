"""Running the work: the cache, the process pool and the Dask cluster, writing outputs."""
