using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;
using Onboarding.Application.Verification;

namespace Onboarding.Development;

/// <summary>
/// A bank for development and tests: records transfers in Table Storage, where
/// <c>/dev/bank/transfers</c> shows them like a bank statement. Idempotent per reference:
/// the order row is a conditional insert, and the transfer rows are upserts derived from it.
/// It stands in for the user's own bank, but it lives in the service's storage: accounts are
/// keyed by their lookup key (<see cref="LookupKeys"/>), so no row holds an account number.
/// </summary>
public sealed class SandboxBank(OnboardingTables tables, LookupKeys lookupKeys, TimeProvider time) : IDepositGateway
{
    public async Task<IReadOnlyList<int>> PayOnceAsync(string reference, BankAccount account, IReadOnlyList<int> amountsFen, CancellationToken cancellationToken)
    {
        TableClient payments = await tables.GetAsync(OnboardingTables.SandboxPayments);
        string accountKey = lookupKeys.OfBankAccount(account.AccountNumber);
        var order = new SandboxPayment
        {
            PartitionKey = reference,
            RowKey = "",
            AccountKey = accountKey,
            AmountsFen = string.Join(',', amountsFen.Select(fen => fen.ToString(CultureInfo.InvariantCulture))),
            At = time.GetUtcNow(),
        };
        try
        {
            await payments.AddEntityAsync(order, cancellationToken);
        }
        catch (RequestFailedException exception) when (TableErrors.IsConflict(exception))
        {
            order = (await payments.FindAsync<SandboxPayment>(reference, "", cancellationToken))!;
        }

        int[] paid = order.AmountsFen.Split(',').Select(fen => int.Parse(fen, CultureInfo.InvariantCulture)).ToArray();
        TableClient transfers = await tables.GetAsync(OnboardingTables.SandboxTransfers);
        long inverted = DateTimeOffset.MaxValue.UtcTicks - order.At.UtcTicks;
        for (int index = 0; index < paid.Length; index++)
        {
            var transfer = new SandboxTransfer
            {
                PartitionKey = accountKey,
                RowKey = $"{inverted:D19}-{reference}-{index}",
                AmountFen = paid[index],
                Reference = reference,
                At = order.At,
            };
            await transfers.UpsertEntityAsync(transfer, TableUpdateMode.Replace, cancellationToken);
        }

        return paid;
    }

    /// <summary>The statement of one account, newest first (with what the earlier build wrote under the plain number, until it is moved).</summary>
    public async Task<IReadOnlyList<SandboxTransfer>> StatementAsync(string accountNumber, CancellationToken cancellationToken)
    {
        TableClient transfers = await tables.GetAsync(OnboardingTables.SandboxTransfers);
        string accountKey = lookupKeys.OfBankAccount(accountNumber);
        var rows = new List<SandboxTransfer>();
        foreach (string partition in new[] { accountKey, accountNumber })
        {
            await foreach (SandboxTransfer row in transfers.QueryAsync<SandboxTransfer>(
                TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), maxPerPage: 200, cancellationToken: cancellationToken))
            {
                rows.Add(row);
                if (rows.Count >= 400) break;
            }
        }

        return rows.OrderBy(row => row.RowKey, StringComparer.Ordinal).Take(200).ToArray();
    }

    /// <summary>
    /// Moves what the earlier build wrote under the plain account number (a payment order's
    /// <c>AccountNumber</c>, its transfers' partition) under the number's lookup key. Part of the
    /// re-encryption pass; <paramref name="eachRow"/> runs before each order. Returns the orders moved.
    /// </summary>
    public async Task<int> MoveLegacyRowsAsync(Func<Task> eachRow, CancellationToken cancellationToken)
    {
        TableClient payments = await tables.GetAsync(OnboardingTables.SandboxPayments);
        TableClient transfers = await tables.GetAsync(OnboardingTables.SandboxTransfers);
        int moved = 0;
        await foreach (SandboxPayment legacy in payments.QueryAsync<SandboxPayment>(
            TableClient.CreateQueryFilter($"AccountNumber ge {""}"), cancellationToken: cancellationToken))
        {
            await eachRow();
            string accountKey = lookupKeys.OfBankAccount(legacy.AccountNumber!);
            await foreach (SandboxTransfer transfer in transfers.QueryAsync<SandboxTransfer>(
                TableClient.CreateQueryFilter($"PartitionKey eq {legacy.AccountNumber} and Reference eq {legacy.PartitionKey}"), cancellationToken: cancellationToken))
            {
                string legacyPartition = transfer.PartitionKey;
                transfer.PartitionKey = accountKey;
                await transfers.UpsertEntityAsync(transfer, TableUpdateMode.Replace, cancellationToken);
                await transfers.DeleteEntityAsync(legacyPartition, transfer.RowKey, ETag.All, cancellationToken).IgnoreNotFound();
            }

            var keyed = new SandboxPayment { PartitionKey = legacy.PartitionKey, RowKey = legacy.RowKey, AccountKey = accountKey, AmountsFen = legacy.AmountsFen, At = legacy.At };
            try
            {
                await payments.UpdateEntityAsync(keyed, legacy.ETag, TableUpdateMode.Replace, cancellationToken);
                moved++;
            }
            catch (RequestFailedException exception) when (TableErrors.IsPreconditionFailed(exception) || TableErrors.IsNotFound(exception))
            {
                // changed or deleted meanwhile
            }
        }

        return moved;
    }

    /// <summary>
    /// Deletes the transfers of every payment order whose reference starts with <paramref name="referencePrefix"/>
    /// (one journey's, whatever account each cycle paid into). Before <see cref="DeletePaymentsAsync"/>: the
    /// orders say where the transfers are.
    /// </summary>
    public async Task DeleteTransfersAsync(string referencePrefix, CancellationToken cancellationToken)
    {
        TableClient transfers = await tables.GetAsync(OnboardingTables.SandboxTransfers);
        await foreach (SandboxPayment payment in PaymentsAsync(referencePrefix, cancellationToken))
        {
            await foreach (SandboxTransfer transfer in transfers.QueryAsync<SandboxTransfer>(
                TableClient.CreateQueryFilter($"PartitionKey eq {payment.AccountKey ?? payment.AccountNumber} and Reference eq {payment.PartitionKey}"), cancellationToken: cancellationToken))
            {
                await transfers.DeleteEntityAsync(transfer.PartitionKey, transfer.RowKey, ETag.All, cancellationToken).IgnoreNotFound();
            }
        }
    }

    /// <summary>Deletes every payment order whose reference starts with <paramref name="referencePrefix"/>.</summary>
    public async Task DeletePaymentsAsync(string referencePrefix, CancellationToken cancellationToken)
    {
        TableClient payments = await tables.GetAsync(OnboardingTables.SandboxPayments);
        await foreach (SandboxPayment payment in PaymentsAsync(referencePrefix, cancellationToken))
        {
            await payments.DeleteEntityAsync(payment.PartitionKey, payment.RowKey, ETag.All, cancellationToken).IgnoreNotFound();
        }
    }

    async IAsyncEnumerable<SandboxPayment> PaymentsAsync(string referencePrefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        TableClient payments = await tables.GetAsync(OnboardingTables.SandboxPayments);
        string afterPrefix = referencePrefix[..^1] + (char)(referencePrefix[^1] + 1);
        await foreach (SandboxPayment payment in payments.QueryAsync<SandboxPayment>(
            TableClient.CreateQueryFilter($"PartitionKey ge {referencePrefix} and PartitionKey lt {afterPrefix}"), cancellationToken: cancellationToken))
        {
            yield return payment;
        }
    }
}
