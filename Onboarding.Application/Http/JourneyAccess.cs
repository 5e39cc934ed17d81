using Microsoft.AspNetCore.Http;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Http;

/// <summary>
/// The capability check of every journey route: the bearer token must hash to the row's token
/// hash. No header is a 401; an unknown journey and a wrong token are the same 404. A read counts
/// toward its client's reads before anything is looked up, and toward the journey's once the token
/// matched (<see cref="ReadLimits"/>); any other request counts as one of the journey's inputs
/// (<c>Limits:InputsPerJourneyPerMinute</c>).
/// </summary>
public sealed class JourneyAccess(JourneyRecords records, RequestLimits limits, ReadLimits reads)
{
    /// <param name="countInput">False for a route that counts the input itself, after checks that must come before any limit.</param>
    public async Task<JourneyRecord> AuthenticateAsync(HttpRequest request, string journeyId, bool countInput = true)
    {
        bool read = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        if (read)
        {
            reads.TakeClientRead(request);
        }

        string? token = BearerToken(request);
        if (token is null)
        {
            throw Problems.MissingToken();
        }

        JourneyRecord? record = await FindAsync(journeyId, request.HttpContext.RequestAborted);
        if (record is null || !record.Admits(token))
        {
            throw Problems.JourneyNotFound();
        }

        if (read)
        {
            reads.TakeJourneyRead(journeyId);
        }
        else if (countInput)
        {
            await limits.TakeInputAsync(record, request.HttpContext.RequestAborted);
        }

        return record;
    }

    /// <summary>The journey's row, or null when the id cannot be one, nothing is stored under it, or it is being erased.</summary>
    public async Task<JourneyRecord?> FindAsync(string journeyId, CancellationToken cancellationToken) =>
        await FindEvenIfErasingAsync(journeyId, cancellationToken) is { ErasingSince: null } record ? record : null;

    /// <summary>The journey's row, also while it is being erased: only an erase (or its retry) needs this.</summary>
    public Task<JourneyRecord?> FindEvenIfErasingAsync(string journeyId, CancellationToken cancellationToken) =>
        JourneySecrets.IsJourneyId(journeyId) ? records.FindAsync(journeyId, cancellationToken) : Task.FromResult<JourneyRecord?>(null);

    static string? BearerToken(HttpRequest request)
    {
        string? header = request.Headers.Authorization.Count == 1 ? request.Headers.Authorization[0] : null;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string token = header["Bearer ".Length..].Trim();
        return token.Length is > 0 and <= 512 ? token : null;
    }
}
