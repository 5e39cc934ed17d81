using Microsoft.AspNetCore.Http;

namespace Onboarding.Application.Http;

/// <summary>
/// The time a request may take (<c>Onboarding:RequestTimeout</c>): for the handler's duration,
/// <see cref="HttpContext.RequestAborted"/> also fires when it runs out, so every storage and
/// Durable call on the request path gives up together and the client gets an answer in time.
/// Disposing puts the client's own token back before the result is written (a cancelled token
/// would cut the body short).
/// </summary>
public sealed class RequestDeadline : IDisposable
{
    readonly HttpContext context;
    readonly CancellationToken clientAborted;
    readonly CancellationTokenSource source;

    RequestDeadline(HttpContext context, TimeSpan timeout)
    {
        this.context = context;
        clientAborted = context.RequestAborted;
        source = CancellationTokenSource.CreateLinkedTokenSource(clientAborted);
        source.CancelAfter(timeout);
        context.RequestAborted = source.Token;
    }

    public static RequestDeadline Begin(HttpContext context, TimeSpan timeout) => new(context, timeout);

    /// <summary>The time ran out (rather than the client going away).</summary>
    public bool Passed => source.IsCancellationRequested && !clientAborted.IsCancellationRequested;

    public void Dispose()
    {
        context.RequestAborted = clientAborted;
        source.Dispose();
    }
}
