using Workspace.Server.Api;
using Workspace.Server.Configuration;
using Workspace.Server.Hosting;
using Workspace.Server.Live;
using Workspace.Server.Web;

var builder = WebApplication.CreateBuilder(args);
var options = builder.AddWorkspaceOptions();
builder.AddWorkspaceOrleans(options);
builder.AddWorkspaceWeb(options);
builder.AddWorkspaceLive();

var app = builder.Build();
app.UseWorkspaceWeb();
app.MapWorkspaceLive();
app.MapWorkspaceApi();
app.Run();

/// <summary>The entry point, visible to the functional tests' host.</summary>
public partial class Program;
