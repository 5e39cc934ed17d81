using Azure;
using Azure.Data.Tables;
using Onboarding.Domain.Registration;

namespace Onboarding.Application.Storage;

/// <summary>Reads and writes <see cref="JourneyRecord"/> rows.</summary>
public sealed class JourneyRecords(OnboardingTables tables)
{
    public async Task<JourneyRecord?> FindAsync(string journeyId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.Journeys);
        return await table.FindAsync<JourneyRecord>(journeyId, JourneyRecord.Row, cancellationToken);
    }

    public async Task<JourneyRecord> GetAsync(string journeyId, CancellationToken cancellationToken = default) =>
        await FindAsync(journeyId, cancellationToken) ?? throw new InvalidOperationException("The journey's row does not exist.");

    /// <summary>Inserts the row of a new journey; true if it was already there (a retried start).</summary>
    public async Task<bool> InsertAsync(JourneyRecord record, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.Journeys);
        try
        {
            await table.AddEntityAsync(record, cancellationToken);
            return false;
        }
        catch (RequestFailedException exception) when (TableErrors.IsConflict(exception))
        {
            return true;
        }
    }

    public async Task SaveProfileAsync(string journeyId, Profile profile, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.Journeys);
        var update = new TableEntity(journeyId, JourneyRecord.Row)
        {
            [nameof(JourneyRecord.GivenName)] = profile.GivenName,
            [nameof(JourneyRecord.FamilyName)] = profile.FamilyName,
            [nameof(JourneyRecord.NameOrder)] = profile.NameOrder.ToString(),
            [nameof(JourneyRecord.Nationality)] = profile.Nationality,
            [nameof(JourneyRecord.DateOfBirth)] = profile.DateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            [nameof(JourneyRecord.PassportNumber)] = profile.PassportNumber,
        };
        await table.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>
    /// Saves the bank details of the next verification cycle, if the row is still as <paramref name="read"/>
    /// was read: false when another request changed it first (two verification requests at once).
    /// </summary>
    public async Task<bool> TrySaveBankAccountAsync(JourneyRecord read, string bankName, string accountNumber, string holderName, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.Journeys);
        var update = new TableEntity(read.JourneyId, JourneyRecord.Row)
        {
            [nameof(JourneyRecord.BankName)] = bankName,
            [nameof(JourneyRecord.BankAccountNumber)] = accountNumber,
            [nameof(JourneyRecord.AccountHolderName)] = holderName,
        };
        try
        {
            await table.UpdateEntityAsync(update, read.ETag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (TableErrors.IsPreconditionFailed(exception))
        {
            return false;
        }
    }

    public async Task SetEmailLinkHmacAsync(string journeyId, string hmac, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.Journeys);
        var update = new TableEntity(journeyId, JourneyRecord.Row) { [nameof(JourneyRecord.EmailLinkHmac)] = hmac };
        await table.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task MarkErasingAsync(string journeyId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.Journeys);
        var update = new TableEntity(journeyId, JourneyRecord.Row) { [nameof(JourneyRecord.ErasingSince)] = since };
        await table.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    public static Profile? ProfileOf(JourneyRecord record)
    {
        if (record.GivenName is null || record.FamilyName is null || record.Nationality is null
            || record.DateOfBirth is null || record.PassportNumber is null
            || !Enum.TryParse(record.NameOrder, out NameOrder order))
        {
            return null;
        }

        return new Profile(
            record.GivenName,
            record.FamilyName,
            order,
            record.Nationality,
            DateOnly.ParseExact(record.DateOfBirth, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            record.PassportNumber);
    }
}
