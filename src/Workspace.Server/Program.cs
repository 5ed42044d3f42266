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
builder.AddWorkspaceWeb(options);
builder.AddWorkspaceLive();
builder.AddWorkspaceTelemetry();

var app = builder.Build();
app.UseWorkspaceWeb();
app.MapWorkspaceLive();
app.MapWorkspaceApi();
app.MapWorkspaceTelemetry();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the functional tests' host.</summary>
public partial class Program;
