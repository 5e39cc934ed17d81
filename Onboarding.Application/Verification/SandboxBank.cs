using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Verification;

/// <summary>
/// A bank for development and tests: records transfers in Table Storage, where
/// <c>/dev/bank/transfers</c> shows them like a bank statement. Idempotent per reference:
/// the order row is a conditional insert, and the transfer rows are upserts derived from it.
/// </summary>
public sealed class SandboxBank(OnboardingTables tables, TimeProvider time) : IDepositGateway
{
    public async Task<IReadOnlyList<int>> PayOnceAsync(string reference, BankAccount account, IReadOnlyList<int> amountsFen, CancellationToken cancellationToken)
    {
        TableClient payments = await tables.GetAsync(OnboardingTables.SandboxPayments);
        var order = new SandboxPayment
        {
            PartitionKey = reference,
            RowKey = "",
            AccountNumber = account.AccountNumber,
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
                PartitionKey = order.AccountNumber,
                RowKey = $"{inverted:D19}-{reference}-{index}",
                AmountFen = paid[index],
                Reference = reference,
                At = order.At,
            };
            await transfers.UpsertEntityAsync(transfer, TableUpdateMode.Replace, cancellationToken);
        }

        return paid;
    }

    /// <summary>The statement of one account, newest first.</summary>
    public async Task<IReadOnlyList<SandboxTransfer>> StatementAsync(string accountNumber, CancellationToken cancellationToken)
    {
        TableClient transfers = await tables.GetAsync(OnboardingTables.SandboxTransfers);
        var rows = new List<SandboxTransfer>();
        await foreach (SandboxTransfer row in transfers.QueryAsync<SandboxTransfer>(
            TableClient.CreateQueryFilter($"PartitionKey eq {accountNumber}"), maxPerPage: 200, cancellationToken: cancellationToken))
        {
            rows.Add(row);
            if (rows.Count >= 200) break;
        }

        return rows;
    }
}
