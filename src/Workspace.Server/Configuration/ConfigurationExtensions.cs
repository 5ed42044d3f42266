using Microsoft.Extensions.Options;
using Workspace.Grains.Accounts;
using Workspace.Grains.Documents;
using Workspace.Grains.Live;
using Workspace.Grains.Recommendations;

namespace Workspace.Server.Configuration;

public static class ConfigurationExtensions
{
    /// <summary>Binds and validates the typed options; a wrong setting stops start-up with its name.</summary>
    public static WorkspaceOptions AddWorkspaceOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WorkspaceOptions>()
            .Bind(builder.Configuration.GetSection(WorkspaceOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WorkspaceOptions>, WorkspaceOptionsValidator>();
        builder.Services.AddOptions<AccountOptions>()
            .Bind(builder.Configuration.GetSection(AccountOptions.Section))
            .Validate(o => !o.Problems().Any(), "Workspace:Accounts is not valid: check the lockout settings, SignInSlidingExpiration (at least a second), SignInMaxLifetime (at least the sliding expiration), PasswordResetValidity (one second to seven days), RequireSecondFactor (None or AdministratorsAndFacilitators) and SecondFactorIssuer.")
            .ValidateOnStart();
        builder.Services.AddOptions<DocumentOptions>()
            .Bind(builder.Configuration.GetSection(DocumentOptions.Section))
            .Validate(o => !o.Problems().Any(), "Workspace:Documents is not valid: check MaxLength, ChunkSize, KeepOperations, MaxCatchUp and the rate limits.")
            .ValidateOnStart();
        builder.Services.AddOptions<NodeOptions>()
            .Bind(builder.Configuration.GetSection(NodeOptions.Section))
            .Validate(o => !o.Problems().Any(), "Workspace:Nodes is not valid: RenewEvery must be at least 100 milliseconds, and Expiry at least three times RenewEvery.")
            .ValidateOnStart();
        builder.Services.AddOptions<RecommendationOptions>()
            .Bind(builder.Configuration.GetSection(RecommendationOptions.Section))
            .Validate(o => o.ReviewCheckPeriod >= TimeSpan.FromSeconds(1), "Workspace:Recommendations:ReviewCheckPeriod must be at least one second.")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);

        // Orleans is configured before the container is built, so read the options eagerly too.
        var options = builder.Configuration.GetSection(WorkspaceOptions.Section).Get<WorkspaceOptions>() ?? new WorkspaceOptions();
        var result = new WorkspaceOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(WorkspaceOptions.Section, typeof(WorkspaceOptions), result.Failures);
        }

        return options;
    }

    /// <summary>The database the grains use, as a connection string for the chosen provider.</summary>
    public static string StorageConnectionString(this WorkspaceOptions options, string contentRoot)
    {
        if (options.Storage.Provider == StorageProvider.PostgreSql)
        {
            return options.Storage.ConnectionString!;
        }

        if (!string.IsNullOrWhiteSpace(options.Storage.ConnectionString))
        {
            return options.Storage.ConnectionString;
        }

        var folder = Path.GetFullPath(options.DataDirectory, contentRoot);
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "workspace.db")};Default Timeout=30;Pooling=True";
    }
}
