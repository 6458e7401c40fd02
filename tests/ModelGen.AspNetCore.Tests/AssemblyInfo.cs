using Xunit;

// The echo measures allocation across the process (the server runs on other threads): no test runs beside it.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
