using System.Net;
using System.Text.Json;

namespace Onboarding.Bench.Users;

/// <summary>How a simulated user's client behaves.</summary>
public sealed class ClientPolicy
{
    /// <summary>Retry through outages (connection refused or reset, timeouts, 5xx/503), as a mobile app does; else such an answer fails the journey.</summary>
    public bool RideOutOutages { get; init; }

    /// <summary>How long one step (a call with its retries, or a wait for a stage) may take before the journey fails.</summary>
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The pause before each input, as a person reads and types (not part of the input's latency). Zero: back to back.</summary>
    public TimeSpan ThinkTime { get; init; }

    /// <summary>The pause between status polls after a 202 (input not applied yet).</summary>
    public TimeSpan StatusPollInterval { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>The pause between outbox and bank statement reads while a message or deposit is not there yet.</summary>
    public TimeSpan OutboxPollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The pause before retrying through an outage.</summary>
    public TimeSpan OutageRetryInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// After a 5xx with Retry-After, wait that long (at most this) before the next attempt, as a well-behaved
    /// app does; zero: ignore Retry-After. Clients that retry a 503 at once keep a recovering store overloaded.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; init; }

    /// <summary>
    /// After a 202, send the input again when the journey has not shown it applied for this long, as a person
    /// would press the button again (null: only poll). Inputs are safe to repeat: a repeat is ignored or answered 409.
    /// </summary>
    public TimeSpan? ResendAfter { get; init; }
}

/// <summary>What the clients saw, over all users: outages ridden out, answers not yet applied.</summary>
public sealed partial class ClientCounters
{
    long connectionFailures;
    long serverErrors;
    long notYetApplied;
    long conflictsAfterRetry;
    readonly System.Collections.Concurrent.ConcurrentQueue<string> resent = new();
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> serverErrorKinds = new(StringComparer.Ordinal);
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> answers = new(StringComparer.Ordinal);
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> failuresByRoute = new(StringComparer.Ordinal);
    long slowestAnswerTicks;

    public long ConnectionFailures => Interlocked.Read(ref connectionFailures);
    public long ServerErrors => Interlocked.Read(ref serverErrors);
    public long NotYetApplied => Interlocked.Read(ref notYetApplied);
    public long ConflictsAfterRetry => Interlocked.Read(ref conflictsAfterRetry);

    /// <summary>The 5xx answers by status and problem code, e.g. "503 unavailable" (a journey not started yet after a crash).</summary>
    public IReadOnlyDictionary<string, long> ServerErrorKinds => serverErrorKinds;

    /// <summary>"N 5xx (503 unavailable ×N, …)": what the clients rode out, by kind.</summary>
    public string DescribeServerErrors() =>
        ServerErrors == 0
            ? "0 5xx"
            : $"{ServerErrors} 5xx ({string.Join(", ", serverErrorKinds.OrderByDescending(pair => pair.Value).Select(pair => $"{pair.Key} ×{pair.Value}"))})";

    /// <summary>Every answer by status (and problem code when it is not a success), and the attempts that got none: what clients met.</summary>
    public IReadOnlyDictionary<string, long> Answers => answers;

    /// <summary>The answers that were not a success (and the attempts that got none) by route: "DELETE /api/journeys/{id}: 503 unavailable" → count.</summary>
    public IReadOnlyDictionary<string, long> FailuresByRoute => failuresByRoute;

    /// <summary>The longest any request took to be answered (or to fail).</summary>
    public TimeSpan SlowestAnswer => TimeSpan.FromTicks(Interlocked.Read(ref slowestAnswerTicks));

    /// <summary>"200 ×N, 503 unavailable ×N, …", most frequent first.</summary>
    public string DescribeAnswers() =>
        string.Join(", ", answers.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key} ×{pair.Value}"));

    internal void Met(string kind, TimeSpan took, HttpRequestMessage request)
    {
        answers.AddOrUpdate(kind, 1, (_, count) => count + 1);
        if (!kind.StartsWith('2'))
        {
            Uri? uri = request.RequestUri;
            string path = IdPattern().Replace(uri is null ? "" : uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0], "{id}");
            failuresByRoute.AddOrUpdate($"{request.Method} {path}: {kind}", 1, (_, count) => count + 1);
        }

        long ticks = took.Ticks, seen;
        while (ticks > (seen = Interlocked.Read(ref slowestAnswerTicks)) && Interlocked.CompareExchange(ref slowestAnswerTicks, ticks, seen) != seen)
        {
        }
    }

    /// <summary>Inputs sent again because a 202 was not followed by the input applied within <see cref="ClientPolicy.ResendAfter"/>: "kind journeyId".</summary>
    public IReadOnlyCollection<string> Resent => resent;

    internal void Resend(string what) => resent.Enqueue(what);

    [System.Text.RegularExpressions.GeneratedRegex("[0-9a-f]{32}")]
    private static partial System.Text.RegularExpressions.Regex IdPattern();

    internal void ConnectionFailed() => Interlocked.Increment(ref connectionFailures);
    internal void ServerError(Answer answer)
    {
        Interlocked.Increment(ref serverErrors);
        serverErrorKinds.AddOrUpdate($"{(int)answer.Status} {answer.ProblemCode ?? "(no problem code)"}", 1, (_, count) => count + 1);
    }
    internal void Accepted() => Interlocked.Increment(ref notYetApplied);
    internal void ConflictAfterRetry() => Interlocked.Increment(ref conflictsAfterRetry);
}

public sealed class JourneyFailedException(string message) : Exception(message);

/// <summary>An HTTP answer: status and body (JSON when it parses).</summary>
public sealed record Answer(HttpStatusCode Status, string Body)
{
    public JsonElement Json
    {
        get
        {
            using JsonDocument document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    public bool IsServerError => (int)Status >= 500;

    public string? ProblemCode
    {
        get
        {
            try
            {
                return Json.TryGetProperty("code", out JsonElement code) ? code.GetString() : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}

/// <summary>HTTP calls with the policy's outage handling.</summary>
public sealed class Api(HttpClient http, ClientPolicy policy, ClientCounters counters)
{
    public ClientPolicy Policy => policy;

    public ClientCounters Counters => counters;

    /// <summary>One attempt: the answer, or null when the host could not be reached (or answered 5xx) and the policy rides that out.</summary>
    public async Task<Answer?> TryOnceAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken = default)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        using HttpRequestMessage message = request();
        try
        {
            using HttpResponseMessage response = await http.SendAsync(message, cancellationToken);
            var answer = new Answer(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
            counters.Met((int)answer.Status < 300 ? $"{(int)answer.Status}" : $"{(int)answer.Status} {answer.ProblemCode ?? "(no problem code)"}", System.Diagnostics.Stopwatch.GetElapsedTime(started), message);
            if (answer.IsServerError)
            {
                counters.ServerError(answer);
                if (!policy.RideOutOutages)
                {
                    throw new JourneyFailedException($"{message.Method} {message.RequestUri} answered {(int)answer.Status}: {answer.Body}");
                }

                if (policy.MaxRetryAfter > TimeSpan.Zero && response.Headers.RetryAfter?.Delta is { } retryAfter)
                {
                    await Task.Delay(retryAfter < policy.MaxRetryAfter ? retryAfter : policy.MaxRetryAfter, cancellationToken);
                }

                return null;
            }

            return answer;
        }
        catch (Exception exception) when (IsOutage(exception, cancellationToken))
        {
            counters.Met(exception is TaskCanceledException ? "no answer (client timeout)" : "no answer (refused or reset)", System.Diagnostics.Stopwatch.GetElapsedTime(started), message);
            counters.ConnectionFailed();
            if (!policy.RideOutOutages)
            {
                throw new JourneyFailedException($"the host could not be reached: {exception.Message}");
            }

            return null;
        }
    }

    /// <summary>Sends until an answer that is not an outage arrives (for reads and idempotent calls).</summary>
    public async Task<Answer> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken = default)
    {
        DateTime giveUp = DateTime.UtcNow + policy.StepTimeout;
        while (true)
        {
            Answer? answer = await TryOnceAsync(request, cancellationToken);
            if (answer is not null)
            {
                return answer;
            }

            if (DateTime.UtcNow > giveUp)
            {
                throw new JourneyFailedException($"the host stayed unreachable for {policy.StepTimeout.TotalSeconds:0} s");
            }

            await Task.Delay(policy.OutageRetryInterval, cancellationToken);
        }
    }

    public Task<Answer> GetAsync(string path, string? bearer = null, CancellationToken cancellationToken = default) =>
        SendAsync(() => Request(HttpMethod.Get, path, null, bearer), cancellationToken);

    public static HttpRequestMessage Request(HttpMethod method, string path, object? body, string? bearer, IDictionary<string, string>? headers = null)
    {
        var message = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            message.Content = System.Net.Http.Json.JsonContent.Create(body);
        }

        if (bearer is not null)
        {
            message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        foreach ((string name, string value) in headers ?? new Dictionary<string, string>())
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }

    static bool IsOutage(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or IOException
        || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested); // HttpClient's timeout
}
