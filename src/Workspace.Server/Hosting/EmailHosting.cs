using Microsoft.Extensions.Options;
using Workspace.Contracts.Email;
using Workspace.Grains.Email;
using Workspace.Server.Configuration;

namespace Workspace.Server.Hosting;

/// <summary>Email: the validated SMTP settings, MailKit as the sender the outbox grain calls, and the outbox woken at start.</summary>
public static class EmailHosting
{
    public static WebApplicationBuilder AddWorkspaceEmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailOptions>()
            .Bind(builder.Configuration.GetSection(EmailOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        builder.Services.AddSingleton<IMailSender, MailKitSender>();
        builder.Services.AddSingleton<MailLinks>();
        builder.Services.AddSingleton<Web.PasswordResetLimiter>();
        builder.Services.AddHostedService<OutboxWaker>();
        return builder;
    }
}

/// <summary>
/// Wakes the outbox once this node serves requests, so that what was queued before a restart is sent
/// without waiting for its reminder. Orleans keeps one outbox in the cluster, whichever node wakes it.
/// </summary>
internal sealed class OutboxWaker(IHostApplicationLifetime lifetime, IGrainFactory grains, ILogger<OutboxWaker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await grains.GetGrain<IMailOutboxGrain>(0).Wake();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Never fatal: the outbox's reminder wakes it anyway while anything is queued.
                if (attempt >= 10)
                {
                    logger.LogWarning(e, "The email outbox could not be woken at start; its reminder will resume sending.");
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(attempt), stoppingToken);
            }
        }
    }
}
