from appealdesk.cli.main import run

run()
