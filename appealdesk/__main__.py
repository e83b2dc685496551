from appealdesk.cli.main import main

raise SystemExit(main())
