using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Onboarding.Application.Contract;
using Onboarding.Application.Security;
using Onboarding.Domain.Registration;

namespace Onboarding.Application.Storage;

/// <summary>Reads and writes <see cref="JourneyRecord"/> rows; seals and opens their <see cref="PersonalField"/>s.</summary>
public sealed class JourneyRecords(OnboardingTables tables, FieldCipher cipher)
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
            [nameof(JourneyRecord.DateOfBirth)] = cipher.Seal(PersonalField.DateOfBirth, journeyId, profile.DateOfBirthText),
            [nameof(JourneyRecord.PassportNumber)] = cipher.Seal(PersonalField.PassportNumber, journeyId, profile.PassportNumber),
        };
        if (profile.ChineseName is not null)
        {
            update[nameof(JourneyRecord.ChineseName)] = profile.ChineseName;
        }

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
            [nameof(JourneyRecord.BankAccountNumber)] = cipher.Seal(PersonalField.BankAccountNumber, read.JourneyId, accountNumber),
            [nameof(JourneyRecord.AccountHolderName)] = cipher.Seal(PersonalField.AccountHolderName, read.JourneyId, holderName),
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

    /// <summary>Notes that the address's owner was told instead of sent a link (the first time only).</summary>
    public async Task MarkOwnerToldAsync(string journeyId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.Journeys);
        if (await table.FindAsync<JourneyRecord>(journeyId, JourneyRecord.Row, cancellationToken) is { OwnerToldAt: null } row)
        {
            var update = new TableEntity(journeyId, JourneyRecord.Row) { [nameof(JourneyRecord.OwnerToldAt)] = at };
            await table.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
    }

    /// <summary>Notes how the journey ended, for its end screen (kept when the person's data goes).</summary>
    public async Task SetEndingAsync(string journeyId, JourneyEnding ending, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.Journeys);
        var update = new TableEntity(journeyId, JourneyRecord.Row)
        {
            [nameof(JourneyRecord.EndedBy)] = ending.By,
        };
        if (ending.AtStage is not null)
        {
            update[nameof(JourneyRecord.EndedAtStage)] = ending.AtStage;
        }

        if (ending.Reason is not null)
        {
            update[nameof(JourneyRecord.EndReason)] = ending.Reason;
        }

        await table.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>
    /// Lets one more device into the journey: adds its token's hash (the oldest device's goes past
    /// <see cref="JourneyRecord.MaxDevices"/>). False when the row is gone.
    /// </summary>
    public async Task<bool> AddDeviceAsync(string journeyId, string tokenHash, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.Journeys);
        for (int attempt = 0; ; attempt++)
        {
            if (await table.FindAsync<JourneyRecord>(journeyId, JourneyRecord.Row, cancellationToken) is not { } row)
            {
                return false;
            }

            string[] devices = [.. (row.DeviceTokenHashes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeLast(JourneyRecord.MaxDevices - 1), tokenHash];
            var update = new TableEntity(journeyId, JourneyRecord.Row) { [nameof(JourneyRecord.DeviceTokenHashes)] = string.Join(' ', devices) };
            try
            {
                await table.UpdateEntityAsync(update, row.ETag, TableUpdateMode.Merge, cancellationToken);
                return true;
            }
            catch (RequestFailedException exception) when (TableErrors.IsPreconditionFailed(exception) && attempt < 5)
            {
                // another write came first: read it again
            }
        }
    }

    public async Task MarkErasingAsync(string journeyId, DateTimeOffset since, string by, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.Journeys);
        var update = new TableEntity(journeyId, JourneyRecord.Row) { [nameof(JourneyRecord.ErasingSince)] = since, [nameof(JourneyRecord.ErasingBy)] = by };
        try
        {
            await table.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException exception) when (TableErrors.IsNotFound(exception))
        {
            // no row (purged with its history): nothing for the routes to find anyway
        }
    }

    /// <summary>
    /// Removes the person's data from the journey's row — e-mail address and phone number (their masked
    /// forms stay for the status), profile, bank details, the e-mail key and link, the Idempotency-Key
    /// record (deleted with it), the inactivity notice — and the journey's inputs (<c>JourneyInputs</c>), and notes when. What is left (the token's hash, region,
    /// language, creation time) lets the user read the final status until the history is purged.
    /// Idempotent; a change made to the row meanwhile (an erase's mark) is kept.
    /// </summary>
    public async Task RemovePersonalDataAsync(string journeyId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.Journeys);
        for (int attempt = 0; ; attempt++)
        {
            if (await table.FindAsync<JourneyRecord>(journeyId, JourneyRecord.Row, cancellationToken) is not { } row)
            {
                return; // erased
            }

            TableClient inputs = await tables.GetAsync(OnboardingTables.JourneyInputs);
            await inputs.DeletePartitionAsync(journeyId, cancellationToken); // the inputs it accepted: written once, let go with the row's copies

            if (!string.IsNullOrEmpty(row.IdempotencyKeyHash))
            {
                TableClient idempotency = await tables.GetAsync(OnboardingTables.IdempotencyKeys);
                await idempotency.DeleteEntityAsync(row.IdempotencyKeyHash, "", ETag.All, cancellationToken).IgnoreNotFound();
            }

            var kept = new JourneyRecord
            {
                PartitionKey = journeyId,
                RowKey = JourneyRecord.Row,
                TokenHash = row.TokenHash,
                DeviceTokenHashes = row.DeviceTokenHashes,
                EndedBy = row.EndedBy,
                EndedAtStage = row.EndedAtStage,
                EndReason = row.EndReason,
                Region = row.Region,
                Language = row.Language,
                CreatedAt = row.CreatedAt,
                MaskedEmail = row.EmailShown(),
                MaskedPhoneNumber = row.PhoneNumberShown(),
                PersonalDataRemovedAt = row.PersonalDataRemovedAt ?? at,
                ErasingSince = row.ErasingSince,
                ErasingBy = row.ErasingBy,
            };
            try
            {
                await table.UpdateEntityAsync(kept, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException exception) when (TableErrors.IsNotFound(exception))
            {
                return;
            }
            catch (RequestFailedException exception) when (TableErrors.IsPreconditionFailed(exception) && attempt < 5)
            {
                // changed since it was read: read it again
            }
        }
    }

    /// <summary>Deletes what is left of the row once the journey's history is purged.</summary>
    public async Task DeleteAsync(string journeyId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.Journeys);
        await table.DeleteEntityAsync(journeyId, JourneyRecord.Row, ETag.All, cancellationToken).IgnoreNotFound();
    }

    /// <summary>Notes the inactivity the user was told about, if the row is still as <paramref name="read"/>: false when it changed first.</summary>
    public async Task<bool> TrySaveInactivityNoticeAsync(JourneyRecord read, DateTimeOffset inactiveSince, DateTimeOffset endsAt, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.Journeys);
        var update = new TableEntity(read.JourneyId, JourneyRecord.Row)
        {
            [nameof(JourneyRecord.InactiveSince)] = inactiveSince,
            [nameof(JourneyRecord.InactiveEndsAt)] = endsAt,
        };
        try
        {
            await table.UpdateEntityAsync(update, read.ETag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (TableErrors.IsPreconditionFailed(exception) || TableErrors.IsNotFound(exception))
        {
            return false;
        }
    }

    /// <summary>The rows an erase marked before <paramref name="before"/>: erases that did not finish.</summary>
    public async IAsyncEnumerable<JourneyRecord> ErasingSinceBeforeAsync(DateTimeOffset before, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.Journeys);
        await foreach (JourneyRecord row in table.QueryAsync<JourneyRecord>(
            TableClient.CreateQueryFilter($"ErasingSince le {before}"), cancellationToken: cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>The profile in the row, opened; null when the row holds none (not given yet, or removed).</summary>
    public Profile? ProfileOf(JourneyRecord record)
    {
        string? dateOfBirth = cipher.Open(PersonalField.DateOfBirth, record.JourneyId, record.DateOfBirth);
        string? passportNumber = cipher.Open(PersonalField.PassportNumber, record.JourneyId, record.PassportNumber);
        if (record.GivenName is null || record.FamilyName is null || record.Nationality is null
            || dateOfBirth is null || passportNumber is null
            || !Enum.TryParse(record.NameOrder, out NameOrder order))
        {
            return null;
        }

        return new Profile(
            record.GivenName,
            record.FamilyName,
            order,
            record.Nationality,
            DateOnly.ParseExact(dateOfBirth, Profile.DateOfBirthFormat, CultureInfo.InvariantCulture),
            passportNumber,
            record.ChineseName);
    }

    /// <summary>The bank account number of the current verification cycle, opened; null when the row holds none.</summary>
    public string? BankAccountNumberOf(JourneyRecord record) =>
        cipher.Open(PersonalField.BankAccountNumber, record.JourneyId, record.BankAccountNumber);

    /// <summary>The account holder's name of the current verification cycle, opened; null when the row holds none.</summary>
    public string? AccountHolderNameOf(JourneyRecord record) =>
        cipher.Open(PersonalField.AccountHolderName, record.JourneyId, record.AccountHolderName);
}
