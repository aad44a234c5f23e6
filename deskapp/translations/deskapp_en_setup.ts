<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>载入一个虚构的售楼处：17位员工、约{n}位客户、最近{d}天的来访、认领公示和争议。所有员工的密码都是 1234。适合先熟悉软件。</source>
        <translation>Load a made-up sales office: 17 staff, about {n} customers, the visits of the last {d} days, the claim notice and disputes. Every PIN is 1234. A good way to get to know the software.</translation>
    </message>
    <message>
        <source>欢迎使用轮接台</source>
        <translation>Welcome to the rotation desk</translation>
    </message>
    <message>
        <source>这台电脑的数据库还是空的。请选择怎样开始：</source>
        <translation>This computer's database is still empty. Choose how to start:</translation>
    </message>
    <message>
        <source>试用演示售楼处(&amp;D)</source>
        <translation>Try the &amp;demo office</translation>
    </message>
    <message>
        <source>设置我的售楼处(&amp;S)</source>
        <translation>&amp;Set up my office</translation>
    </message>
    <message>
        <source>连接其他电脑上已设置好的售楼处(&amp;C)</source>
        <translation>&amp;Connect to an office already set up on another computer</translation>
    </message>
    <message>
        <source>填写售楼处名称、上班时间和员工名单（可从Excel导入），然后开始正式使用。</source>
        <translation>Enter the office's name, working hours and staff list (or import it from Excel), then start for real.</translation>
    </message>
    <message>
        <source>售楼处已在数据库服务器上设置好（例如前台电脑已在使用）：填写服务器地址，这台电脑就加入进来。</source>
        <translation>The office is already set up on a database server (for example the front desk's computer uses it): enter the server's address and this computer joins in.</translation>
    </message>
    <message>
        <source>试用演示售楼处</source>
        <translation>Try the demo office</translation>
    </message>
    <message>
        <source>点击“载入演示”后，演示数据写入这台电脑的数据库，约需几秒钟。</source>
        <translation>"Load demo" writes the demo data into this computer's database; it takes a few seconds.</translation>
    </message>
    <message>
        <source>载入演示(&amp;L)</source>
        <translation>&amp;Load demo</translation>
    </message>
    <message>
        <source>演示数据只供试用。正式使用时，请在“设置 → 数据库”中换一个空的数据库，或请管理员清空本机数据库。</source>
        <translation>The demo data is for trying out only. To work for real, choose an empty database in "Settings → Database", or ask your administrator to empty this computer's database.</translation>
    </message>
    <message>
        <source>员工：12位置业顾问（3个组，各有组长）、前台、销售主管、销售经理、案场经理、专案经理</source>
        <translation>Staff: 12 consultants (3 teams, each with a team leader), a receptionist, a sales supervisor, a sales manager, a site manager and a project manager</translation>
    </message>
    <message>
        <source>正在生成演示数据…</source>
        <translation>Building the demo data…</translation>
    </message>
    <message>
        <source>售楼处信息</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>名称显示在窗口标题和打印的公示上；上班时间即认领公示的张贴时段（第20条）。</source>
        <translation>The name shows in the window title and on printed notices; the working hours are when the claim notice is posted (R20).</translation>
    </message>
    <message>
        <source>例如：翠湖天地售楼处</source>
        <translation>for example: Emerald Lake Sales Office</translation>
    </message>
    <message>
        <source>员工名单</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>每人一行。代号用于登录和记录（如 c01），角色决定能做哪些操作；至少需要一位案场经理。</source>
        <translation>One row per person. The key is used for sign-in and records (such as c01); the role decides what they may do. At least one site manager is needed.</translation>
    </message>
    <message>
        <source>完成设置(&amp;F)</source>
        <translation>&amp;Finish set-up</translation>
    </message>
    <message>
        <source>添加一行(&amp;A)</source>
        <translation>&amp;Add a row</translation>
    </message>
    <message>
        <source>在表格末尾添加一位员工（Insert）</source>
        <translation>Add a staff member at the end of the table (Insert)</translation>
    </message>
    <message>
        <source>删除所选行(&amp;R)</source>
        <translation>&amp;Remove selected rows</translation>
    </message>
    <message>
        <source>删除选中单元格所在的行（Ctrl+Delete）</source>
        <translation>Remove the rows of the selected cells (Ctrl+Delete)</translation>
    </message>
    <message>
        <source>从Excel/CSV导入…(&amp;I)</source>
        <translation>&amp;Import from Excel/CSV…</translation>
    </message>
    <message>
        <source>表头：代号、姓名、角色、组别、密码（把密码列设为文本格式，以免丢掉开头的0）</source>
        <translation>Header: key, name, role, team, PIN (format the PIN column as Text so leading zeros are kept)</translation>
    </message>
    <message>
        <source>显示密码(&amp;P)</source>
        <translation>Show &amp;PINs</translation>
    </message>
    <message>
        <source>导入员工名单</source>
        <translation>Import the staff list</translation>
    </message>
    <message>
        <source>Excel或CSV文件 (*.xlsx *.csv);;所有文件 (*)</source>
        <translation>Excel or CSV files (*.xlsx *.csv);;All files (*)</translation>
    </message>
    <message>
        <source>连接已有的售楼处</source>
        <translation>Connect to an existing office</translation>
    </message>
    <message>
        <source>填写已设置好售楼处的数据库服务器地址，测试连接后点击“连接”。</source>
        <translation>Enter the address of the database server where the office is set up, test it, then click "Connect".</translation>
    </message>
    <message>
        <source>连接(&amp;F)</source>
        <translation>&amp;Connect</translation>
    </message>
    <message>
        <source>地址可向设置数据库服务器的同事索取。连接后，这台电脑以后都使用这个数据库。</source>
        <translation>Ask the colleague who set up the database server for the address. Once connected, this computer always uses that database.</translation>
    </message>
    <message>
        <source>轮接台 — 首次设置</source>
        <translation>Rotation desk — first set-up</translation>
    </message>
    <message>
        <source>&lt; 上一步(&amp;B)</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <source>下一步(&amp;N) &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <source>完成(&amp;F)</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>请至少填写一位员工（含一位案场经理）。</source>
        <translation>Enter at least one staff member (including a site manager).</translation>
    </message>
    <message>
        <source>至少需要一位案场经理：只有案场经理或以上才能修改设置和制度参数、裁决归属（第32条）。</source>
        <translation>At least one site manager is needed: only a site manager or above may change settings and policies and rule on ownership (R32).</translation>
    </message>
    <message>
        <source>售楼处名称(&amp;M)：</source>
        <translation>Office na&amp;me:</translation>
    </message>
    <message>
        <source>上班时间(&amp;H)：</source>
        <translation>Working &amp;hours:</translation>
    </message>
    <message>
        <source>客户说不清接待人时，其登记在当天上班时间内公示，供置业顾问认领；下班前无人认领即归接待人。</source>
        <translation>When customers cannot name their consultant, their registration is posted during working hours for consultants to claim; unclaimed by closing time, they stay with the receiver.</translation>
    </message>
    <message>
        <source>请填写售楼处名称。</source>
        <translation>Enter the office's name.</translation>
    </message>
    <message>
        <source>下班时间须晚于上班时间。</source>
        <translation>Closing time must be after opening time.</translation>
    </message>
    <message>
        <source>代号</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>组别</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>本版本不含Excel导入。</source>
        <translation>This version has no Excel import.</translation>
    </message>
    <message>
        <source>这个数据库还是空的。请填写已设置好售楼处的数据库地址，或返回第一步选择“设置我的售楼处”。</source>
        <translation>This database is still empty. Enter the address of a database where the office is set up, or go back and choose "Set up my office".</translation>
    </message>
    <message>
        <source>售楼处：{name}，上班时间 {open}–{close}</source>
        <translation>Office: {name}, working hours {open}–{close}</translation>
    </message>
    <message>
        <source>客户：约{n}位，最近{d}个工作日的来访、回访、成交、认领与争议</source>
        <translation>Customers: about {n}, with the visits, follow-ups, deals, claims and disputes of the last {d} working days</translation>
    </message>
    <message>
        <source>登录：所有员工的密码都是 {pin}（案场经理：{manager}）</source>
        <translation>Sign-in: every PIN is {pin} (site manager: {manager})</translation>
    </message>
    <message>
        <source>从{file}读入{n}位员工，有{m}处需要修改：</source>
        <translation>Read {n} staff from {file}; {m} things need fixing:</translation>
    </message>
    <message>
        <source>已从{file}读入{n}位员工。请核对后点击“完成设置”。</source>
        <translation>Read {n} staff from {file}. Check them, then click "Finish set-up".</translation>
    </message>
    <message>
        <source>文件第{row}行：{message}</source>
        <translation>File row {row}: {message}</translation>
    </message>
    <message>
        <source>共{n}人：其中置业顾问和组长{c}人，案场经理或以上{m}人。</source>
        <translation>{n} people: {c} consultants and team leaders, {m} site managers or above.</translation>
    </message>
    <message>
        <source>……共{n}处需要修改。</source>
        <translation>… {n} things need fixing in all.</translation>
    </message>
    <message>
        <source>第{n}行：请填写代号。</source>
        <translation>Row {n}: enter a key.</translation>
    </message>
    <message>
        <source>第{n}行：请填写姓名。</source>
        <translation>Row {n}: enter a name.</translation>
    </message>
    <message>
        <source>第{n}行：密码须为{a}至{b}位数字。</source>
        <translation>Row {n}: a PIN is {a} to {b} digits.</translation>
    </message>
    <message>
        <source>无法读取文件：{reason}</source>
        <translation>Cannot read the file: {reason}</translation>
    </message>
    <message>
        <source>演示数据没有载入：{reason}</source>
        <translation>The demo was not loaded: {reason}</translation>
    </message>
    <message>
        <source>没有保存任何内容：{reason}</source>
        <translation>Nothing was saved: {reason}</translation>
    </message>
    <message>
        <source>第{n}行：代号“{key}”不可用：不能含空格，也不能是保留字。</source>
        <translation>Row {n}: key '{key}' cannot be used: no spaces, no reserved words.</translation>
    </message>
    <message>
        <source>第{n}行：无法识别的角色“{role}”，请从列表中选择。</source>
        <translation>Row {n}: unknown role '{role}'; choose one from the list.</translation>
    </message>
    <message>
        <source>第{n}行：请选择角色。</source>
        <translation>Row {n}: choose a role.</translation>
    </message>
    <message>
        <source>第{n}行：代号“{key}”与第{m}行重复。</source>
        <translation>Row {n}: key '{key}' repeats row {m}.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>需案场经理或以上</source>
        <translation>Needs a site manager or above</translation>
    </message>
    <message>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>数据库、售楼处信息、制度参数和值班（案场经理）</source>
        <translation>Database, office, policies and duty (site manager)</translation>
    </message>
    <message>
        <source>这台电脑使用的数据库</source>
        <translation>The database this computer uses</translation>
    </message>
    <message>
        <source>更改数据库在重新启动轮接台后生效。保存前会先测试连接。</source>
        <translation>A change of database takes effect when the rotation desk restarts. The connection is tested before saving.</translation>
    </message>
    <message>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>售楼处信息</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>制度参数</source>
        <translation>Policies</translation>
    </message>
    <message>
        <source>现在</source>
        <translation>Now</translation>
    </message>
    <message>
        <source>生效时间设为当前时间</source>
        <translation>Take effect from now</translation>
    </message>
    <message>
        <source>应用修改(&amp;A)</source>
        <translation>&amp;Apply changes</translation>
    </message>
    <message>
        <source>今天的值班（第38条）</source>
        <translation>Today's duty (R38)</translation>
    </message>
    <message>
        <source>添加值班(&amp;A)</source>
        <translation>&amp;Add duty</translation>
    </message>
    <message>
        <source>今天还没有安排值班。</source>
        <translation>No duty is set for today yet.</translation>
    </message>
    <message>
        <source>今天尚未开始营业（第一位员工签到时开始），暂时不能安排值班。</source>
        <translation>Today's working day has not started (it starts with the first sign-in); duty cannot be set yet.</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>售楼处</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>值班</source>
        <translation>Duty</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>正在使用：内存中的数据库（测试用，不保存）</source>
        <translation>In use: an in-memory database (for tests; nothing is kept)</translation>
    </message>
    <message>
        <source>注意：环境变量 DESKAPP_DB_URL 已指定数据库，它优先于这里的设置。</source>
        <translation>Note: the DESKAPP_DB_URL environment variable names a database; it wins over this setting.</translation>
    </message>
    <message>
        <source>名称(&amp;M)：</source>
        <translation>Na&amp;me:</translation>
    </message>
    <message>
        <source>上班时间(&amp;H)：</source>
        <translation>Working &amp;hours:</translation>
    </message>
    <message>
        <source>上班时间即认领公示的张贴时段（第20条）：说不清接待人的客户登记在此时段内公示，下班前无人认领即归接待人。</source>
        <translation>The working hours are when the claim notice is posted (R20): customers who cannot name their consultant are posted then; unclaimed by closing time, they stay with the receiver.</translation>
    </message>
    <message>
        <source>生效时间(&amp;E)：</source>
        <translation>&amp;Effective from:</translation>
    </message>
    <message>
        <source>只提交改动过的参数。生效时间在未来的，到时自动生效；每次生效都是新的制度版本，每条决定都记录所依据的版本。</source>
        <translation>Only changed values are submitted. A change dated in the future takes effect by itself at that time; each change is a new policy version, and every decision records the version it used.</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>没有待生效的修改。</source>
        <translation>No changes are waiting to take effect.</translation>
    </message>
    <message>
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>no</translation>
    </message>
    <message>
        <source>没有改动任何参数。</source>
        <translation>No policy was changed.</translation>
    </message>
    <message>
        <source>值班人员</source>
        <translation>On duty</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>From</translation>
    </message>
    <message>
        <source>结束</source>
        <translation>To</translation>
    </message>
    <message>
        <source>值班人员(&amp;W)：</source>
        <translation>&amp;Who:</translation>
    </message>
    <message>
        <source>从(&amp;F)</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <source>到(&amp;T)</source>
        <translation>&amp;To</translation>
    </message>
    <message>
        <source>值班时段内的新客户由值班人员接待并归其所有，不影响轮次；值班人员不在或正在接待时按轮次。</source>
        <translation>New customers during a duty window are received by, and belong to, the consultant on duty, without changing the rotation; if that consultant is away or busy, the rotation applies.</translation>
    </message>
    <message>
        <source>营业日：尚未开始</source>
        <translation>Working day: not started</translation>
    </message>
    <message>
        <source>请选择值班人员。</source>
        <translation>Choose who is on duty.</translation>
    </message>
    <message>
        <source>未登录（前台权限）</source>
        <translation>Not signed in (front-desk rights)</translation>
    </message>
    <message>
        <source>只有案场经理或以上可以修改设置。可以查看；要修改请先登录（Ctrl+L）。</source>
        <translation>Only a site manager or above may change settings. You may look; to change them, sign in first (Ctrl+L).</translation>
    </message>
    <message>
        <source>已保存：{url}。重新启动轮接台后使用这个数据库。</source>
        <translation>Saved: {url}. The rotation desk uses this database after a restart.</translation>
    </message>
    <message>
        <source> 元</source>
        <translation> yuan</translation>
    </message>
    <message>
        <source>当前制度版本：第{n}版</source>
        <translation>Policy version in force: {n}</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>待生效：</source>
        <translation>Waiting to take effect:</translation>
    </message>
    <message>
        <source>设置(&amp;S)</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>正在使用：{url}</source>
        <translation>In use: {url}</translation>
    </message>
    <message>
        <source>{when} 起：{what}（{by}登记）</source>
        <translation>From {when}: {what} (recorded by {by})</translation>
    </message>
    <message>
        <source>营业日：{date}</source>
        <translation>Working day: {date}</translation>
    </message>
    <message>
        <source>当前登录：{name} · {role}</source>
        <translation>Signed in: {name} · {role}</translation>
    </message>
</context>
<context>
    <name>StationConfig</name>
    <message>
        <source>本机内置数据库（单台电脑）(&amp;L)</source>
        <translation>&amp;Local database (one computer)</translation>
    </message>
    <message>
        <source>数据库服务器（PostgreSQL，多台电脑共用）(&amp;P)</source>
        <translation>Database server (&amp;PostgreSQL, shared by several computers)</translation>
    </message>
    <message>
        <source>前台、主管、经理等几台电脑连到同一个数据库服务器，看板实时同步。</source>
        <translation>The front desk, supervisor and manager computers share one database server; the board stays in step on all of them.</translation>
    </message>
    <message>
        <source>服务器地址(&amp;A)：</source>
        <translation>Server &amp;address:</translation>
    </message>
    <message>
        <source>postgresql://用户名:密码@服务器地址:5432/数据库名</source>
        <translation>postgresql://user:password@server:5432/database</translation>
    </message>
    <message>
        <source>测试连接(&amp;T)</source>
        <translation>&amp;Test connection</translation>
    </message>
    <message>
        <source>只检查能否打开这个数据库，不会建立或更改任何数据</source>
        <translation>Only checks that this database can be opened; nothing is created or changed</translation>
    </message>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <source>可以改用其他数据库；新的选择会保存为本机设置。</source>
        <translation>You can use another database; the new choice is saved as this computer's setting.</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>重试(&amp;R)</source>
        <translation>&amp;Retry</translation>
    </message>
    <message>
        <source>请填写数据库服务器的地址。</source>
        <translation>Enter the database server's address.</translation>
    </message>
    <message>
        <source>数据保存在本机：{path}</source>
        <translation>Data is kept on this computer: {path}</translation>
    </message>
    <message>
        <source>数据库：{url}</source>
        <translation>Database: {url}</translation>
    </message>
    <message>
        <source>这个地址来自命令行参数 --db。在下面改选后，本次启动使用新的选择。</source>
        <translation>This address comes from the --db command-line option. Choose another below to use it for this start.</translation>
    </message>
    <message>
        <source>这个地址来自环境变量 DESKAPP_DB_URL。在下面改选后，本次启动使用新的选择。</source>
        <translation>This address comes from the DESKAPP_DB_URL environment variable. Choose another below to use it for this start.</translation>
    </message>
</context>
</TS>
