using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Operators;
using Onboarding.Application.Registration;
using Onboarding.Application.Storage;

namespace Onboarding.Application.PersonalData;

/// <summary>
/// Erasure requests that must wait: a verified account is the KYC record, kept for
/// <c>Retention:VerifiedAccount</c> after the user asked for erasure (the business relationship ends
/// with the request at the latest). Few at any time, so operators' listings read them all.
/// </summary>
public sealed class ErasureRequests(OnboardingTables tables, AuditTrail audit, IOptions<RetentionOptions> options, TimeProvider time)
{
    /// <summary>Whether the journey's account is verified, so that its KYC record must be kept.</summary>
    public async Task<bool> HoldsKycRecordAsync(string journeyId, CancellationToken cancellationToken)
    {
        TableClient accounts = await tables.GetAsync(OnboardingTables.Accounts);
        return await accounts.FindAsync<AccountRecord>(journeyId, AccountRecord.Row, cancellationToken) is { Verified: true };
    }

    /// <summary>Records the request (the first one's date stands) and notes it in the audit trail; returns it.</summary>
    public async Task<ErasureRequest> RecordAsync(JourneyRecord journey, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.ErasureRequests);
        DateTimeOffset now = time.GetUtcNow();
        var request = new ErasureRequest
        {
            PartitionKey = journey.JourneyId,
            RowKey = "",
            RequestedAt = now,
            RetainedUntil = now + options.Value.VerifiedAccount,
            JourneyCreatedAt = journey.CreatedAt,
        };
        try
        {
            await table.AddEntityAsync(request, cancellationToken);
        }
        catch (RequestFailedException exception) when (TableErrors.IsConflict(exception))
        {
            request = (await table.FindAsync<ErasureRequest>(journey.JourneyId, "", cancellationToken))!;
        }

        await audit.AppendAsync(journey.JourneyId, request.RequestedAt, "erasure-requested", AuditEventTypes.ErasureRequested,
            $"the user asked for erasure; the KYC record is kept until {request.RetainedUntil.UtcDateTime:yyyy-MM-dd}", cancellationToken);
        return request;
    }

    /// <summary>Every pending request, by journey id.</summary>
    public async Task<IReadOnlyDictionary<string, ErasureRequest>> ListAsync(CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.ErasureRequests);
        var requests = new Dictionary<string, ErasureRequest>(StringComparer.Ordinal);
        await foreach (ErasureRequest request in table.QueryAsync<ErasureRequest>(maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            requests[request.JourneyId] = request;
        }

        return requests;
    }

    public async Task<ErasureRequest?> FindAsync(string journeyId, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.ErasureRequests);
        return await table.FindAsync<ErasureRequest>(journeyId, "", cancellationToken);
    }

    /// <summary>The requests whose retention period ended by <paramref name="now"/>.</summary>
    public async IAsyncEnumerable<ErasureRequest> DueAsync(DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.ErasureRequests);
        await foreach (ErasureRequest request in table.QueryAsync<ErasureRequest>(
            TableClient.CreateQueryFilter($"RetainedUntil le {now}"), cancellationToken: cancellationToken))
        {
            yield return request;
        }
    }
}
