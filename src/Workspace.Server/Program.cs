using Workspace.Server.Api;
using Workspace.Server.Configuration;
using Workspace.Server.Hosting;
using Workspace.Server.Live;
using Workspace.Server.Web;

var builder = WebApplication.CreateBuilder(args);
var options = builder.AddWorkspaceOptions();
if (MigrateCommand.IsRequested(args))
{
    return await MigrateCommand.Run(builder, options);
}

builder.AddWorkspaceOrleans(options);
builder.AddWorkspaceEmail();
builder.Services.AddSingleton<Workspace.Server.Api.ClaimMail>(); // confirmation and invitation messages
builder.AddWorkspaceWeb(options);
builder.AddWorkspaceLive();
builder.AddWorkspaceTelemetry();
builder.AddWorkspaceLibrary();
builder.QuietStartupNoise(); // after the last logging provider

var app = builder.Build();
app.UseWorkspaceWeb();
app.MapWorkspaceLive();
app.MapWorkspaceApi();
app.MapWorkspaceTelemetry();
try
{
    await app.RunAsync();
    return 0;
}
catch (SchemaException e)
{
    // Said plainly, once, instead of a crash dump: the operator has one thing to do.
    await Console.Error.WriteLineAsync($"Workspace cannot start: {e.Message}");
    return 3;
}

/// <summary>The entry point, visible to the functional tests' host.</summary>
public partial class Program;
