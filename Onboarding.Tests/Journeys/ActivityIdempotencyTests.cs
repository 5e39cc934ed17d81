using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Application.Development;
using Onboarding.Application.Journeys;
using Onboarding.Application.Registration;
using Onboarding.Application.Storage;
using Onboarding.Application.Verification;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Journeys;

/// <summary>Activities run at least once: running one again for the same step changes nothing outside.</summary>
public sealed class ActivityIdempotencyTests : IAsyncLifetime
{
    LocalHostInstance host = null!;

    public async Task InitializeAsync() => host = await LocalHostInstance.StartAsync(DurableBackend.InMemory);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task SendDeposits_RunTwiceForTheSameCycle_OneSetOfTransfersAndTheSameHmac()
    {
        string account = Builders.AccountNumber();
        string journeyId = await SeedJourneyAsync(account);
        SendDeposits activity = host.Services.GetRequiredService<SendDeposits>();
        var order = new DepositOrder(journeyId, Cycle: 1, Count: 2, OrderedAt: new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc));

        DepositsMade first = await activity.RunAsync(order);
        DepositsMade second = await activity.RunAsync(order);

        Assert.Equal(first, second);
        IReadOnlyList<SandboxTransfer> statement = await host.Services.GetRequiredService<SandboxBank>().StatementAsync(account, CancellationToken.None);
        Assert.Equal(2, statement.Count);
        Assert.All(statement, transfer => Assert.InRange(transfer.AmountFen, 1, 99));
    }

    [Fact]
    public async Task SendDeposits_NextCycle_FreshDeposits()
    {
        string account = Builders.AccountNumber();
        string journeyId = await SeedJourneyAsync(account);
        SendDeposits activity = host.Services.GetRequiredService<SendDeposits>();

        await activity.RunAsync(new DepositOrder(journeyId, 1, 2, DateTime.UtcNow));
        await activity.RunAsync(new DepositOrder(journeyId, 2, 2, DateTime.UtcNow));

        IReadOnlyList<SandboxTransfer> statement = await host.Services.GetRequiredService<SandboxBank>().StatementAsync(account, CancellationToken.None);
        Assert.Equal(4, statement.Count);
        Assert.Equal(2, statement.Select(transfer => transfer.Reference).Distinct().Count());
    }

    [Fact]
    public async Task SendPhoneCode_RunTwiceForTheSameSend_OneSmsAndTheSameHmac()
    {
        string phone = Builders.PhoneNumber();
        string journeyId = await SeedJourneyAsync(Builders.AccountNumber(), phone);
        SendPhoneCode activity = host.Services.GetRequiredService<SendPhoneCode>();
        var order = new ChallengeOrder(journeyId, 1, TimeSpan.FromMinutes(10));

        string first = await activity.RunAsync(order);
        string second = await activity.RunAsync(order);

        Assert.Equal(first, second);
        Assert.Single(await host.Services.GetRequiredService<DevOutbox>().ListAsync(phone, CancellationToken.None));
    }

    [Fact]
    public async Task SendPhoneCode_CodeDelivered_NoPlainCodeLeftInTheDeliveryRow()
    {
        string journeyId = await SeedJourneyAsync(Builders.AccountNumber());

        await host.Services.GetRequiredService<SendPhoneCode>().RunAsync(new ChallengeOrder(journeyId, 1, TimeSpan.FromMinutes(10)));

        TableClient deliveries = await host.Tables.GetAsync(OnboardingTables.Deliveries);
        TableEntity row = (await deliveries.GetEntityAsync<TableEntity>(journeyId, "phone-code-1")).Value!;
        Assert.Null(row.GetString(nameof(Onboarding.Application.Messaging.DeliveryRecord.PendingSecret)));
        Assert.NotNull(row.GetDateTimeOffset(nameof(Onboarding.Application.Messaging.DeliveryRecord.SentAt)));
    }

    [Fact]
    public async Task OpenAccount_RunTwice_OneAccountOneWelcomeMail()
    {
        string email = Builders.Email();
        string journeyId = await SeedJourneyAsync(Builders.AccountNumber(), email: email);
        await host.Services.GetRequiredService<JourneyRecords>().SaveProfileAsync(
            journeyId, new Onboarding.Domain.Registration.Profile("Anna", "Smith", Onboarding.Domain.Registration.NameOrder.GivenFirst, "US", new DateOnly(1990, 1, 31), "X1234567"));
        OpenAccount activity = host.Services.GetRequiredService<OpenAccount>();

        Assert.True(await activity.RunAsync(journeyId));
        Assert.True(await activity.RunAsync(journeyId));

        Assert.Single(await host.Services.GetRequiredService<DevOutbox>().ListAsync(email, CancellationToken.None));
        TableClient accounts = await host.Tables.GetAsync(OnboardingTables.Accounts);
        AccountRecord account = (await accounts.FindAsync<AccountRecord>(journeyId, AccountRecord.Row))!;
        Assert.False(account.Verified);
        Assert.Equal("X1234567", account.PassportNumber);
    }

    async Task<string> SeedJourneyAsync(string account, string? phone = null, string? email = null)
    {
        string journeyId = Onboarding.Application.Security.JourneySecrets.NewJourneyId();
        JourneyRecords records = host.Services.GetRequiredService<JourneyRecords>();
        await records.InsertAsync(new JourneyRecord
        {
            PartitionKey = journeyId,
            RowKey = JourneyRecord.Row,
            TokenHash = "unused",
            Email = email ?? Builders.Email(),
            EmailKey = journeyId,
            PhoneNumber = phone ?? Builders.PhoneNumber(),
            Region = "US",
            Language = "en",
            CreatedAt = DateTimeOffset.UtcNow,
        });
        Assert.True(await records.TrySaveBankAccountAsync(await records.GetAsync(journeyId), "Bank of China", account, "SMITH ANNA"));
        return journeyId;
    }
}
