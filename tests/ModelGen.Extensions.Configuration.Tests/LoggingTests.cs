using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ModelGen.Extensions.Configuration.Tests;

/// <summary>Issue 18, logging: the flat dictionary as a Microsoft.Extensions.Logging scope gives one primitive
/// property per value; the nested dictionary gave type names.</summary>
public class LoggingTests
{
    private static readonly TrainingOptions Options = new(LearningRate: 0.05f, Epochs: 7)
    {
        Optimizer = new(LearningRate: 0.2),
        Layers = [new(32, Activation.Gelu), new(8)],
        Hidden = [4, 2],
    };

    [Fact]
    public void A_flat_scope_logs_every_value_as_a_primitive_property()
    {
        var provider = new CapturingProvider();
        using (ILoggerFactory factory = LoggerFactory.Create(b => b.AddProvider(provider)))
        {
            ILogger logger = factory.CreateLogger("training");
            using (logger.BeginScope(ModelDictionary.ToFlatDictionary(Options)))
                logger.LogInformation("training started");
        }
        Dictionary<string, object?> properties = Assert.Single(provider.Records).Properties;
        Assert.Equal(0.2, properties["optimizer.learningRate"]);
        Assert.Equal(32, properties["layers[0].units"]);
        Assert.Equal("Gelu", properties["layers[0].activation"]);
        Assert.Equal(2, properties["hidden[1]"]);
        foreach (var (key, value) in properties)
            Assert.False(value is IEnumerable and not string, $"{key} is logged as {value}");

        // What issue 18 found: the nested form hands the logger collections, which render as type names.
        var nested = new CapturingProvider();
        using (ILoggerFactory factory = LoggerFactory.Create(b => b.AddProvider(nested)))
        using (factory.CreateLogger("training").BeginScope(ModelDictionary.ToDictionary(Options)))
            factory.CreateLogger("training").LogInformation("training started");
        Assert.Equal("System.Int32[]", Convert.ToString(Assert.Single(nested.Records).Properties["hidden"], CultureInfo.InvariantCulture));
    }

    private sealed record Record(string Message, Dictionary<string, object?> Properties);

    /// <summary>A provider that records each message with the key-value pairs of its scopes, as structured sinks do.</summary>
    private sealed class CapturingProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();
        public List<Record> Records { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose() { }

        private sealed class Logger(CapturingProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var properties = new Dictionary<string, object?>();
                owner._scopes.ForEachScope((scope, props) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                        foreach (var pair in pairs) props[pair.Key] = pair.Value;
                }, properties);
                owner.Records.Add(new Record(formatter(state, exception), properties));
            }
        }
    }
}
