using Azure;
using Azure.Data.Tables;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;
using Onboarding.Application.Verification;

namespace Onboarding.Application.PersonalData;

/// <summary>
/// The re-encryption pass: every <see cref="PersonalField"/> in the tables that store them is brought
/// under the current field key — re-sealed if the previous key sealed it, sealed if the earlier build
/// stored it in plain text. The tables answer only the rows that need it (a range filter on the
/// current key's prefix), so a pass over moved rows reads little. A row changed meanwhile is left
/// to the next pass (the change was written under the current key anyway). The sandbox bank's rows the
/// earlier build keyed by the plain account number are moved under its lookup key in the same pass.
/// </summary>
public sealed class FieldReencryption(OnboardingTables tables, FieldCipher cipher, IDepositGateway bank)
{
    /// <summary>Where sealed fields are stored: each table's columns (their names are the fields'), all of rows keyed by journey id.</summary>
    static readonly (string Table, PersonalField[] Fields)[] Stores =
    [
        (OnboardingTables.Journeys, [PersonalField.DateOfBirth, PersonalField.PassportNumber, PersonalField.BankAccountNumber, PersonalField.AccountHolderName]),
        (OnboardingTables.JourneyInputs, [PersonalField.DateOfBirth, PersonalField.PassportNumber, PersonalField.BankAccountNumber, PersonalField.AccountHolderName]),
        (OnboardingTables.Accounts, [PersonalField.DateOfBirth, PersonalField.PassportNumber, PersonalField.BankAccountNumber, PersonalField.AccountHolderName]),
    ];

    /// <summary>Moves every row that needs it; <paramref name="eachRow"/> runs before each (the sweep renews its lease there). Returns the rows moved.</summary>
    public async Task<int> RunAsync(Func<Task> eachRow, CancellationToken cancellationToken)
    {
        int moved = 0;
        foreach ((string name, PersonalField[] fields) in Stores)
        {
            TableClient table = await tables.GetAsync(name);
            string[] columns = fields.Select(field => field.ToString()).ToArray();
            string filter = string.Join(" or ", columns.Select(NotUnderCurrentKey));
            await foreach (TableEntity row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", .. columns], cancellationToken: cancellationToken))
            {
                await eachRow();
                var update = new TableEntity(row.PartitionKey, row.RowKey);
                foreach (PersonalField field in fields)
                {
                    string? stored = row.GetString(field.ToString());
                    if (!cipher.IsCurrent(stored))
                    {
                        update[field.ToString()] = cipher.Reseal(field, row.PartitionKey, stored);
                    }
                }

                try
                {
                    await table.UpdateEntityAsync(update, row.ETag, TableUpdateMode.Merge, cancellationToken);
                    moved++;
                }
                catch (RequestFailedException exception) when (TableErrors.IsPreconditionFailed(exception) || TableErrors.IsNotFound(exception))
                {
                    // changed or deleted since it was read
                }
            }
        }

        return moved + await bank.MoveLegacyRowsAsync(eachRow, cancellationToken);
    }

    /// <summary>The column is set and not sealed under the current key: below its prefix, or above it.</summary>
    string NotUnderCurrentKey(string column)
    {
        string prefix = cipher.CurrentPrefix;
        string afterPrefix = prefix[..^1] + (char)(prefix[^1] + 1);
        return $"({column} lt {Quoted(prefix)} or {column} ge {Quoted(afterPrefix)})";
    }

    static string Quoted(string value) => TableClient.CreateQueryFilter($"{value}");
}
