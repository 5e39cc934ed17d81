using Microsoft.Extensions.Logging;

namespace Onboarding.Application.Http;

/// <summary>
/// Every logger of the app, minus request query strings: ASP.NET Core's request lines
/// (<c>Microsoft.AspNetCore.Hosting.Diagnostics</c> "Request starting/finished …{Path}{QueryString}",
/// and HTTP logging's <c>QueryString</c>) are written from a <c>QueryString</c> value that may hold the
/// e-mail link's token, at Information and below — levels a deployment may well turn on. The value is
/// replaced by <c>?[redacted]</c> in the structured values and in the message, whatever level or
/// category is enabled; paths (journey ids) and everything else pass unchanged. Both hosts install it
/// over the logger factory they build (<see cref="OnboardingServices"/>).
/// </summary>
public sealed class QueryRedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public const string Redacted = "?[redacted]";

    const string QueryStringValue = "QueryString";

    public ILogger CreateLogger(string categoryName) => new Logger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    sealed class Logger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is not IReadOnlyList<KeyValuePair<string, object?>> values
                || !values.Any(pair => pair.Key == QueryStringValue && pair.Value is string { Length: > 0 }))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            string message = formatter(state, exception);
            var redacted = new List<KeyValuePair<string, object?>>(values.Count);
            foreach (KeyValuePair<string, object?> pair in values)
            {
                if (pair.Key == QueryStringValue && pair.Value is string { Length: > 0 } query)
                {
                    message = message.Replace(query, Redacted, StringComparison.Ordinal);
                    redacted.Add(new(pair.Key, Redacted));
                }
                else
                {
                    redacted.Add(pair);
                }
            }

            inner.Log(logLevel, eventId, new RedactedState(redacted, message), exception, static (entry, _) => entry.Message);
        }
    }

    /// <summary>The structured values with the query replaced, and the message written from them.</summary>
    sealed class RedactedState(IReadOnlyList<KeyValuePair<string, object?>> values, string message) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message => message;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public int Count => values.Count;

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => message;
    }
}
