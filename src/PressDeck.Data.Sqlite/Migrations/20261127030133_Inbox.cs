using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PressDeck.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Inbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InboxItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Network = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    RemoteId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    OfficeHandle = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    FromHandle = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    FromName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    AskedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ArrivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AssignedUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AssignedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    AssignedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeskId = table.Column<int>(type: "INTEGER", nullable: true),
                    RoutedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ListNames = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Outlet = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Deadline = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LineToTakeId = table.Column<int>(type: "INTEGER", nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AnsweredByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ResponseSeconds = table.Column<long>(type: "INTEGER", nullable: true),
                    AnswerUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    TargetWarningSentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InboxRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Query = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DeskId = table.Column<int>(type: "INTEGER", nullable: true),
                    AssignUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InboxSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ResponseTargetMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    WarnBeforeMinutes = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InboxLog",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxLog", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InboxLog_InboxItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "InboxItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_AssignedUserId",
                table: "InboxItems",
                column: "AssignedUserId");

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_Network_RemoteId",
                table: "InboxItems",
                columns: new[] { "Network", "RemoteId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_Status_ArrivedAt",
                table: "InboxItems",
                columns: new[] { "Status", "ArrivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InboxLog_ItemId_At",
                table: "InboxLog",
                columns: new[] { "ItemId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InboxLog");

            migrationBuilder.DropTable(
                name: "InboxRules");

            migrationBuilder.DropTable(
                name: "InboxSettings");

            migrationBuilder.DropTable(
                name: "InboxItems");
        }
    }
}
