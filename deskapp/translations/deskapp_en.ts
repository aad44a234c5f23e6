<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
    <context>
        <name>Actions</name>
        <message>
            <source>来访登记(&amp;N)…</source>
            <translation>Check &amp;in…</translation>
        </message>
        <message>
            <source>登记新到访的客户，系统按制度给出接待人</source>
            <translation>Check in an arriving party; the rules propose who receives them</translation>
        </message>
        <message>
            <source>查找客户(&amp;F)…</source>
            <translation>&amp;Find customer…</translation>
        </message>
        <message>
            <source>按电话尾号、姓名或拼音首字母查找客户</source>
            <translation>Find a customer by phone tail, name or pinyin initials</translation>
        </message>
        <message>
            <source>结束接待</source>
            <translation>Finish reception</translation>
        </message>
        <message>
            <source>所选客户接待结束，置业顾问恢复空闲（R11）</source>
            <translation>The selected reception is over; the consultant is free again (R11)</translation>
        </message>
        <message>
            <source>同行市调</source>
            <translation>Competitor</translation>
        </message>
        <message>
            <source>所选客户已说明或被认出为同行市调，接待人获补接名额（R12）</source>
            <translation>The selected visitor declared or was recognised as a competitor doing market research; the receiver earns a make-up credit (R12)</translation>
        </message>
        <message>
            <source>投诉转接</source>
            <translation>Complaint</translation>
        </message>
        <message>
            <source>客户投诉：取消当前接待，按轮次转给下一位（R13，销售主管或以上）</source>
            <translation>Customer complaint: cancel this reception and pass the party to the next in rotation (R13, sales supervisor or above)</translation>
        </message>
        <message>
            <source>拒接</source>
            <translation>Refusal</translation>
        </message>
        <message>
            <source>置业顾问拒接所派客户：记旷工，客户转下一位（R28）</source>
            <translation>The consultant refuses the party: an absence is recorded and the party goes to the next (R28)</translation>
        </message>
        <message>
            <source>大屏模式</source>
            <translation>Wall mode</translation>
        </message>
        <message>
            <source>全屏显示轮接看板（F11 或 Esc 退出）</source>
            <translation>Show the rotation board full screen (F11 or Esc to leave)</translation>
        </message>
        <message>
            <source>员工登录(&amp;L)…</source>
            <translation>Staff sign-&amp;in…</translation>
        </message>
        <message>
            <source>以员工身份登录本工作站（输入PIN）</source>
            <translation>Sign in at this station as a staff member (PIN)</translation>
        </message>
        <message>
            <source>刷新</source>
            <translation>Refresh</translation>
        </message>
        <message>
            <source>重新读取看板</source>
            <translation>Read the board again</translation>
        </message>
        <message>
            <source>中文</source>
            <translation>中文 (Chinese)</translation>
        </message>
        <message>
            <source>界面使用中文（重启后生效）</source>
            <translation>Chinese interface (after a restart)</translation>
        </message>
        <message>
            <source>English</source>
            <translation>English</translation>
        </message>
        <message>
            <source>界面使用英文（重启后生效）</source>
            <translation>English interface (after a restart)</translation>
        </message>
        <message>
            <source>退出(&amp;Q)</source>
            <translation>&amp;Quit</translation>
        </message>
        <message>
            <source>关闭程序</source>
            <translation>Close the program</translation>
        </message>
        <message>
            <source>打印今日认领公示(&amp;P)…</source>
            <translation>Print today's claim &amp;notice…</translation>
        </message>
        <message>
            <source>保存今日认领公示PDF（电话已遮挡），并送打印机，张贴一天（R20）</source>
            <translation>Save today's claim notice as a PDF (phones masked) and print it, to post for the day (R20)</translation>
        </message>
        <message>
            <source>打印来访单(&amp;V)…</source>
            <translation>Print &amp;visit sheet…</translation>
        </message>
        <message>
            <source>保存看板上所选接待的来访客户资料表PDF，并送打印机（交归属顾问存档）</source>
            <translation>Save the visit sheet of the reception selected on the board as a PDF and print it (for the owner's file)</translation>
        </message>
    </context>
    <context>
        <name>BoardView</name>
        <message>
            <source>暂无可接待人员，来客请稍候</source>
            <translation>Nobody is free: arriving parties wait</translation>
        </message>
        <message>
            <source>持补接名额 · {rule}</source>
            <translation>holds a make-up credit · {rule}</translation>
        </message>
        <message>
            <source>值班时段 · {rule}</source>
            <translation>on duty · {rule}</translation>
        </message>
        <message>
            <source>按轮次 · {rule}</source>
            <translation>in rotation · {rule}</translation>
        </message>
        <message>
            <source>今日轮次</source>
            <translation>Today's rotation</translation>
        </message>
        <message>
            <source>按轮次顺序；第1位为下一位（补接名额、值班优先）</source>
            <translation>In rotation order; no. 1 is next in line (make-up credits and duty go first)</translation>
        </message>
        <message>
            <source>今日接待</source>
            <translation>Today's receptions</translation>
        </message>
        <message>
            <source>等候中（{n}组）：{names}　——有人空闲时按轮次安排</source>
            <translation>Waiting ({n}): {names} — placed in rotation as soon as someone is free</translation>
        </message>
        <message>
            <source>今日轮次（{n}人）</source>
            <translation>Today's rotation ({n})</translation>
        </message>
        <message>
            <source>今日接待（{n}）</source>
            <translation>Today's receptions ({n})</translation>
        </message>
        <message>
            <source>{tip}
您的角色无权执行（需{role}或以上）</source>
            <translation>{tip}
Your role may not do this (needs {role} or above)</translation>
        </message>
        <message>
            <source>未能执行</source>
            <translation>Not done</translation>
        </message>
        <message>
            <source>投诉转接</source>
            <translation>Complaint</translation>
        </message>
        <message>
            <source>客户{customer}投诉：取消{receiver}的接待，按轮次转给下一位，并由其接手归属（R13）。确定吗？</source>
            <translation>{customer} complains: cancel {receiver}'s reception and pass the customer to the next consultant in rotation, who becomes the owner (R13). Go ahead?</translation>
        </message>
        <message>
            <source>拒接</source>
            <translation>Refusal</translation>
        </message>
        <message>
            <source>{name}拒接所派客户：记旷工一次，客户转给下一位（R28 不得拒接）。确定吗？</source>
            <translation>{name} refuses the party: one absence is recorded and the party goes to the next consultant (R28 No refusing). Go ahead?</translation>
        </message>
    </context>
    <context>
        <name>CheckInDialog</name>
        <message>
            <source>来访登记</source>
            <translation>Check-in</translation>
        </message>
        <message>
            <source>请先问客户（第2条，原话）：</source>
            <translation>First ask the customer, in these exact words (R2: “Hello! Is this your first visit? Has anyone here contacted you before?”):</translation>
        </message>
        <message>
            <source>手机号或带区号的座机；可先空着，稍后补登记</source>
            <translation>Mobile, or landline with area code; may stay empty and be registered later</translation>
        </message>
        <message>
            <source>是，第一次来 (&amp;Y)</source>
            <translation>Yes, first visit (&amp;Y)</translation>
        </message>
        <message>
            <source>不是，来过 (&amp;N)</source>
            <translation>No, been before (&amp;N)</translation>
        </message>
        <message>
            <source>没有人联系过</source>
            <translation>Nobody has contacted them</translation>
        </message>
        <message>
            <source>来过但说不清是谁</source>
            <translation>Been before, cannot say who</translation>
        </message>
        <message>
            <source>（未指定）</source>
            <translation>(nobody named)</translation>
        </message>
        <message>
            <source>有：{name}</source>
            <translation>Yes: {name}</translation>
        </message>
        <message>
            <source>客户姓名（可输入拼音查找老客户）</source>
            <translation>Customer's name (pinyin finds existing customers)</translation>
        </message>
        <message>
            <source>不是同一人</source>
            <translation>Not the same person</translation>
        </message>
        <message>
            <source>更多：介绍人、亲属、团购 ▸</source>
            <translation>More: referrer, family, group ▸</translation>
        </message>
        <message>
            <source>介绍人（老客户）电话或姓名</source>
            <translation>Referrer's (existing customer) phone or name</translation>
        </message>
        <message>
            <source>介绍人陪同前来</source>
            <translation>Referrer came along</translation>
        </message>
        <message>
            <source>亲属（老客户）电话或姓名</source>
            <translation>Relative's (existing customer) phone or name</translation>
        </message>
        <message>
            <source>团购同行人，每行一位：姓名 电话</source>
            <translation>Group members, one per line: name phone</translation>
        </message>
        <message>
            <source>介绍人</source>
            <translation>Referrer</translation>
        </message>
        <message>
            <source>亲属</source>
            <translation>Family</translation>
        </message>
        <message>
            <source>团购</source>
            <translation>Group</translation>
        </message>
        <message>
            <source>电话</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>第一次来？</source>
            <translation>First visit?</translation>
        </message>
        <message>
            <source>谁联系过？</source>
            <translation>Contacted by?</translation>
        </message>
        <message>
            <source>姓名</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>来源</source>
            <translation>Source</translation>
        </message>
        <message>
            <source>指定顾问</source>
            <translation>Names a consultant</translation>
        </message>
        <message>
            <source>系统建议</source>
            <translation>Proposal</translation>
        </message>
        <message>
            <source>确认登记 (Enter)</source>
            <translation>Check in (Enter)</translation>
        </message>
        <message>
            <source>取消 (Esc)</source>
            <translation>Cancel (Esc)</translation>
        </message>
        <message>
            <source>老客户</source>
            <translation>Existing customer</translation>
        </message>
        <message>
            <source>可能是这些老客户（↑↓ 选择，Enter 确认为同一人）</source>
            <translation>Maybe one of these customers (↑↓ to choose, Enter to confirm the same person)</translation>
        </message>
        <message>
            <source>电话相近的老客户（↑↓ 选择，Enter 确认）</source>
            <translation>Customers with a similar phone (↑↓ to choose, Enter to confirm)</translation>
        </message>
        <message>
            <source>无归属</source>
            <translation>no owner</translation>
        </message>
        <message>
            <source>{name}　{phone}　归属：{owner}　上次来访：{last}</source>
            <translation>{name}  {phone}  owner: {owner}  last visit: {last}</translation>
        </message>
        <message>
            <source>回访连续</source>
            <translation>follow-ups continuous</translation>
        </message>
        <message>
            <source>回访中断</source>
            <translation>follow-ups lapsed</translation>
        </message>
        <message>
            <source>{what}：{name}</source>
            <translation>{what}: {name}</translation>
        </message>
        <message>
            <source>归属：{owner}　上次来访：{last}</source>
            <translation>owner: {owner}  last visit: {last}</translation>
        </message>
        <message>
            <source>已确认为同一人</source>
            <translation>Confirmed as</translation>
        </message>
        <message>
            <source>未找到该客户</source>
            <translation>No such customer</translation>
        </message>
        <message>
            <source>客户</source>
            <translation>Customer</translation>
        </message>
        <message>
            <source>更多：介绍人、亲属、团购 ▾</source>
            <translation>More: referrer, family, group ▾</translation>
        </message>
        <message>
            <source>电话号码还不完整</source>
            <translation>The phone number is not complete yet</translation>
        </message>
        <message>
            <source>请先问客户并选择：是否第一次来（Y / N）</source>
            <translation>Ask the customer and choose: first visit? (Y / N)</translation>
        </message>
        <message>
            <source>接待：{name}</source>
            <translation>Receiver: {name}</translation>
        </message>
        <message>
            <source>暂无人可接待：排队等候</source>
            <translation>Nobody is free: the party waits</translation>
        </message>
        <message>
            <source>轮次：{turn}</source>
            <translation>Turn: {turn}</translation>
        </message>
        <message>
            <source>请通知：{names}</source>
            <translation>Call: {names}</translation>
        </message>
        <message>
            <source>先行协助：{name}</source>
            <translation>Assists meanwhile: {name}</translation>
        </message>
        <message>
            <source>暂无（须登记姓名和电话，R9）</source>
            <translation>none yet (needs name and phone, R9)</translation>
        </message>
        <message>
            <source>登记后公示一天（R20）</source>
            <translation>posted on the notice for one day (R20)</translation>
        </message>
        <message>
            <source>归属：{owner}</source>
            <translation>Owner: {owner}</translation>
        </message>
        <message>
            <source>依据：{rules}</source>
            <translation>Rules: {rules}</translation>
        </message>
        <message>
            <source>必须记录客户的回答：是否第一次来（第2条）</source>
            <translation>Record the customer's answer: first visit or not (R2)</translation>
        </message>
        <message>
            <source>请先改正红色标出的内容</source>
            <translation>Correct what is marked in red first</translation>
        </message>
    </context>
    <context>
        <name>ConsultantTableModel</name>
        <message>
            <source>顺位</source>
            <translation>No.</translation>
        </message>
        <message>
            <source>置业顾问</source>
            <translation>Consultant</translation>
        </message>
        <message>
            <source>状态</source>
            <translation>State</translation>
        </message>
        <message>
            <source>补接名额</source>
            <translation>Make-up credits</translation>
        </message>
        <message>
            <source>起始</source>
            <translation>Since</translation>
        </message>
        <message>
            <source>当前</source>
            <translation>Now</translation>
        </message>
        <message>
            <source>补{rule}</source>
            <translation>+{rule}</translation>
        </message>
        <message>
            <source>{rule}：{reason}（{when}获得）</source>
            <translation>{rule}: {reason} (earned {when})</translation>
        </message>
        <message>
            <source>欠{n}轮</source>
            <translation>owes {n}</translation>
        </message>
        <message>
            <source>R25 公司同事购房：指定接待后欠一次轮次，下次轮到时跳过</source>
            <translation>R25 Company colleagues: named by a colleague's customer, owes a turn and is passed over next time</translation>
        </message>
        <message>
            <source>·值班</source>
            <translation> · on duty</translation>
        </message>
        <message>
            <source>← 下一位</source>
            <translation>← next up</translation>
        </message>
        <message>
            <source>休假 {dates}</source>
            <translation>leave {dates}</translation>
        </message>
        <message>
            <source>不在今日轮次</source>
            <translation>not in today's rotation</translation>
        </message>
        <message>
            <source>（组长）</source>
            <translation> (team leader)</translation>
        </message>
        <message>
            <source>{team}组</source>
            <translation>team {team}</translation>
        </message>
    </context>
    <context>
        <name>CustomerDetailPane</name>
        <message>
            <source>选择左侧的客户查看完整记录</source>
            <translation>Choose a customer on the left to see the whole record</translation>
        </message>
        <message>
            <source>来访与回访记录</source>
            <translation>Visits and follow-ups</translation>
        </message>
        <message>
            <source>无归属</source>
            <translation>no owner</translation>
        </message>
        <message>
            <source>✓ 连续</source>
            <translation>✓ yes</translation>
        </message>
        <message>
            <source>✗ 中断</source>
            <translation>✗ lapsed</translation>
        </message>
        <message>
            <source>电话</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>归属</source>
            <translation>Owner</translation>
        </message>
        <message>
            <source>归属起始</source>
            <translation>Owner since</translation>
        </message>
        <message>
            <source>来源</source>
            <translation>Source</translation>
        </message>
        <message>
            <source>成交</source>
            <translation>Deal</translation>
        </message>
        <message>
            <source>已成交</source>
            <translation>closed</translation>
        </message>
        <message>
            <source>未成交</source>
            <translation>none yet</translation>
        </message>
        <message>
            <source>回访连续（R14）</source>
            <translation>Follow-ups (R14)</translation>
        </message>
        <message>
            <source>已修改记录</source>
            <translation>Amended records</translation>
        </message>
        <message>
            <source>{n}条，已修改（不作为依据）</source>
            <translation>{n}, amended (not admissible)</translation>
        </message>
        <message>
            <source>来访与回访记录（{n}）</source>
            <translation>Visits and follow-ups ({n})</translation>
        </message>
        <message>
            <source>（已取消）</source>
            <translation>(cancelled) </translation>
        </message>
        <message>
            <source>回访</source>
            <translation>follow-up</translation>
        </message>
        <message>
            <source>成交，合同签署人{name}</source>
            <translation>Deal; contract signed by {name}</translation>
        </message>
    </context>
    <context>
        <name>CustomerHitModel</name>
        <message>
            <source>姓名</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>电话</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>归属</source>
            <translation>Owner</translation>
        </message>
        <message>
            <source>最近来访</source>
            <translation>Last visit</translation>
        </message>
        <message>
            <source>回访连续</source>
            <translation>Follow-ups</translation>
        </message>
        <message>
            <source>匹配</source>
            <translation>Match</translation>
        </message>
        <message>
            <source>（无归属）</source>
            <translation>(no owner)</translation>
        </message>
        <message>
            <source>✓ 连续</source>
            <translation>✓ yes</translation>
        </message>
        <message>
            <source>✗ 中断</source>
            <translation>✗ lapsed</translation>
        </message>
        <message>
            <source>按{how}找到</source>
            <translation>found by {how}</translation>
        </message>
        <message>
            <source>{rule}：归属人的接待与回访记录间隔不超过规定天数</source>
            <translation>{rule}: the owner's receptions and follow-ups leave no gap longer than the policy allows</translation>
        </message>
    </context>
    <context>
        <name>Elapsed</name>
        <message>
            <source>{m}分钟</source>
            <translation>{m} min</translation>
        </message>
        <message>
            <source>{h}小时{m:02d}分</source>
            <translation>{h} h {m:02d} min</translation>
        </message>
    </context>
    <context>
        <name>HistoryModel</name>
        <message>
            <source>时间</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>类型</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>人员</source>
            <translation>Who</translation>
        </message>
        <message>
            <source>内容</source>
            <translation>Record</translation>
        </message>
        <message>
            <source>作为依据</source>
            <translation>Evidence</translation>
        </message>
        <message>
            <source>已修改（不作为依据）</source>
            <translation>Amended (not admissible)</translation>
        </message>
        <message>
            <source>有效</source>
            <translation>admissible</translation>
        </message>
        <message>
            <source>R3 涂改记录不作依据：此记录已被更正，原记录保留</source>
            <translation>R3 Altered records are void: this record was corrected; the original is kept</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <source>空闲</source>
            <translation>free</translation>
        </message>
        <message>
            <source>接待中</source>
            <translation>receiving</translation>
        </message>
        <message>
            <source>外出·私事</source>
            <translation>out · personal</translation>
        </message>
        <message>
            <source>外出·公事</source>
            <translation>out · official</translation>
        </message>
        <message>
            <source>轮休</source>
            <translation>rest day</translation>
        </message>
        <message>
            <source>休假</source>
            <translation>on leave</translation>
        </message>
        <message>
            <source>停接</source>
            <translation>suspended</translation>
        </message>
        <message>
            <source>未签到</source>
            <translation>not signed in</translation>
        </message>
        <message>
            <source>已签退</source>
            <translation>signed out</translation>
        </message>
        <message>
            <source>轮接</source>
            <translation>rotation</translation>
        </message>
        <message>
            <source>补接</source>
            <translation>make-up</translation>
        </message>
        <message>
            <source>值班</source>
            <translation>duty</translation>
        </message>
        <message>
            <source>老客户</source>
            <translation>owner</translation>
        </message>
        <message>
            <source>指定</source>
            <translation>named</translation>
        </message>
        <message>
            <source>代接待</source>
            <translation>stand-in</translation>
        </message>
        <message>
            <source>等候</source>
            <translation>waiting</translation>
        </message>
        <message>
            <source>占用轮次</source>
            <translation>turn used</translation>
        </message>
        <message>
            <source>使用补接</source>
            <translation>credit used</translation>
        </message>
        <message>
            <source>不占轮次</source>
            <translation>no turn</translation>
        </message>
        <message>
            <source>值班时段</source>
            <translation>duty hours</translation>
        </message>
        <message>
            <source>持补接名额</source>
            <translation>make-up credit</translation>
        </message>
        <message>
            <source>按轮次</source>
            <translation>rotation</translation>
        </message>
        <message>
            <source>自然来访</source>
            <translation>walk-in</translation>
        </message>
        <message>
            <source>公司职员介绍</source>
            <translation>staff referral</translation>
        </message>
        <message>
            <source>公司关系户</source>
            <translation>company relation</translation>
        </message>
        <message>
            <source>同事自购</source>
            <translation>colleague (own purchase)</translation>
        </message>
        <message>
            <source>同事介绍</source>
            <translation>colleague's referral</translation>
        </message>
        <message>
            <source>销售人员亲友介绍</source>
            <translation>consultant's friend or relative</translation>
        </message>
        <message>
            <source>业务往来客户</source>
            <translation>business contact</translation>
        </message>
        <message>
            <source>领导带访</source>
            <translation>leader's guest</translation>
        </message>
        <message>
            <source>合作伙伴带访</source>
            <translation>partner's guest</translation>
        </message>
        <message>
            <source>外场客户</source>
            <translation>off-site customer</translation>
        </message>
        <message>
            <source>样板间客户</source>
            <translation>show-flat visitor</translation>
        </message>
        <message>
            <source>配偶</source>
            <translation>spouse</translation>
        </message>
        <message>
            <source>父母</source>
            <translation>parent</translation>
        </message>
        <message>
            <source>子女</source>
            <translation>child</translation>
        </message>
        <message>
            <source>其他亲属</source>
            <translation>other relative</translation>
        </message>
        <message>
            <source>来访</source>
            <translation>visit</translation>
        </message>
        <message>
            <source>回访</source>
            <translation>follow-up</translation>
        </message>
        <message>
            <source>成交</source>
            <translation>Deal</translation>
        </message>
        <message>
            <source>认领</source>
            <translation>claim</translation>
        </message>
        <message>
            <source>裁决</source>
            <translation>ruling</translation>
        </message>
        <message>
            <source>电话</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>姓名</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>拼音</source>
            <translation>pinyin</translation>
        </message>
        <message>
            <source>前台</source>
            <translation>receptionist</translation>
        </message>
        <message>
            <source>置业顾问</source>
            <translation>Consultant</translation>
        </message>
        <message>
            <source>组长</source>
            <translation>team leader</translation>
        </message>
        <message>
            <source>销售主管</source>
            <translation>sales supervisor</translation>
        </message>
        <message>
            <source>销售经理</source>
            <translation>sales manager</translation>
        </message>
        <message>
            <source>案场经理</source>
            <translation>site manager</translation>
        </message>
        <message>
            <source>专案经理</source>
            <translation>project manager</translation>
        </message>
        <message>
            <source>管理员</source>
            <translation>administrator</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>正在打开数据库…</source>
            <translation>Opening the database…</translation>
        </message>
        <message>
            <source>无法打开数据库</source>
            <translation>Cannot open the database</translation>
        </message>
        <message>
            <source>轮接台无法启动：{error}</source>
            <translation>The rotation desk cannot start: {error}</translation>
        </message>
        <message>
            <source>认领公示</source>
            <translation>Claim notice</translation>
        </message>
        <message>
            <source>归属争议</source>
            <translation>Disputes</translation>
        </message>
        <message>
            <source>主管工具</source>
            <translation>Supervisor</translation>
        </message>
        <message>
            <source>每日报表</source>
            <translation>Daily report</translation>
        </message>
        <message>
            <source>轮接台 — 前台</source>
            <translation>Rotation desk — front desk</translation>
        </message>
        <message>
            <source>轮接看板</source>
            <translation>Rotation board</translation>
        </message>
        <message>
            <source>前台(&amp;D)</source>
            <translation>&amp;Desk</translation>
        </message>
        <message>
            <source>看板(&amp;B)</source>
            <translation>&amp;Board</translation>
        </message>
        <message>
            <source>视图(&amp;V)</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <source>语言</source>
            <translation>Language</translation>
        </message>
        <message>
            <source>常用</source>
            <translation>Main</translation>
        </message>
        <message>
            <source>已登记：{customer} → {receiver}</source>
            <translation>Checked in: {customer} → {receiver}</translation>
        </message>
        <message>
            <source>已登记：{customer}</source>
            <translation>Checked in: {customer}</translation>
        </message>
        <message>
            <source>员工登录</source>
            <translation>Staff sign-in</translation>
        </message>
        <message>
            <source>本版本尚未包含员工登录。</source>
            <translation>This version has no staff sign-in yet.</translation>
        </message>
        <message>
            <source>语言设置将在重新启动后生效</source>
            <translation>The language changes when the app is restarted</translation>
        </message>
        <message>
            <source>{role}（未登录）</source>
            <translation>{role} (not signed in)</translation>
        </message>
        <message>
            <source>{name} · {role}</source>
            <translation>{name} · {role}</translation>
        </message>
        <message>
            <source>轮接台</source>
            <translation>Rotation desk</translation>
        </message>
        <message>
            <source>这是第一次运行，数据库是空的。
要载入一个演示售楼处（12位置业顾问、1500位客户）试用吗？</source>
            <translation>This is the first start and the database is empty.
Load a demo sales office (12 consultants, 1,500 customers) to try the app?</translation>
        </message>
        <message>
            <source>打印(&amp;P)</source>
            <translation>&amp;Print</translation>
        </message>
        <message>
            <source>公示PDF保存失败</source>
            <translation>Could not save the notice PDF</translation>
        </message>
        <message>
            <source>打印今日认领公示</source>
            <translation>Print today's claim notice</translation>
        </message>
        <message>
            <source>请先在看板上选择一条接待记录</source>
            <translation>Select a reception on the board first</translation>
        </message>
        <message>
            <source>来访单PDF保存失败</source>
            <translation>Could not save the visit sheet PDF</translation>
        </message>
        <message>
            <source>打印来访单</source>
            <translation>Print visit sheet</translation>
        </message>
        <message>
            <source>已保存：{path}</source>
            <translation>Saved: {path}</translation>
        </message>
        <message>
            <source>打印公示</source>
            <translation>Print notice</translation>
        </message>
    </context>
    <context>
        <name>NextUpBanner</name>
        <message>
            <source>今日尚未开始营业</source>
            <translation>The working day has not been opened</translation>
        </message>
        <message>
            <source>请主管开始营业日并安排签到</source>
            <translation>A supervisor opens the day and consultants sign in</translation>
        </message>
        <message>
            <source>下一位：{name}</source>
            <translation>Next up: {name}</translation>
        </message>
        <message>
            <source>空闲 {free}　接待中 {busy}　外出 {away}　等候 {waiting}</source>
            <translation>free {free}   receiving {busy}   out {away}   waiting {waiting}</translation>
        </message>
        <message>
            <source>周一</source>
            <translation>Mon</translation>
        </message>
        <message>
            <source>周二</source>
            <translation>Tue</translation>
        </message>
        <message>
            <source>周三</source>
            <translation>Wed</translation>
        </message>
        <message>
            <source>周四</source>
            <translation>Thu</translation>
        </message>
        <message>
            <source>周五</source>
            <translation>Fri</translation>
        </message>
        <message>
            <source>周六</source>
            <translation>Sat</translation>
        </message>
        <message>
            <source>周日</source>
            <translation>Sun</translation>
        </message>
        <message>
            <source>{month}月{day}日 {weekday}　{time}</source>
            <translation>{weekday} {day}/{month}   {time}</translation>
        </message>
    </context>
    <context>
        <name>ReceptionTableModel</name>
        <message>
            <source>时间</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>客户</source>
            <translation>Customer</translation>
        </message>
        <message>
            <source>电话</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>接待人</source>
            <translation>Receiver</translation>
        </message>
        <message>
            <source>方式</source>
            <translation>How</translation>
        </message>
        <message>
            <source>轮次</source>
            <translation>Turn</translation>
        </message>
        <message>
            <source>状态</source>
            <translation>State</translation>
        </message>
        <message>
            <source>依据</source>
            <translation>Rules</translation>
        </message>
        <message>
            <source>说明</source>
            <translation>Explanation</translation>
        </message>
        <message>
            <source>已取消</source>
            <translation>cancelled</translation>
        </message>
        <message>
            <source>等候中</source>
            <translation>waiting</translation>
        </message>
        <message>
            <source>接待中</source>
            <translation>receiving</translation>
        </message>
        <message>
            <source>已结束</source>
            <translation>finished</translation>
        </message>
        <message>
            <source>（已修改）</source>
            <translation> (amended)</translation>
        </message>
        <message>
            <source>（等候）</source>
            <translation>(waiting)</translation>
        </message>
        <message>
            <source>归属：{owner}</source>
            <translation>Owner: {owner}</translation>
        </message>
        <message>
            <source>已修改（不作为依据）</source>
            <translation>Amended (not admissible)</translation>
        </message>
    </context>
    <context>
        <name>Rules</name>
        <message>
            <source>单一客户轮接</source>
            <translation>Single-customer rotation</translation>
        </message>
        <message>
            <source>首问来访与联系人</source>
            <translation>The mandated question</translation>
        </message>
        <message>
            <source>涂改记录不作依据</source>
            <translation>Altered records are void</translation>
        </message>
        <message>
            <source>轮到时不在场</source>
            <translation>Absent at one's turn</translation>
        </message>
        <message>
            <source>电话联系不作依据</source>
            <translation>Phone contact is no basis</translation>
        </message>
        <message>
            <source>主管管理轮次与客户</source>
            <translation>The supervisor manages</translation>
        </message>
        <message>
            <source>职员与关系户介绍</source>
            <translation>Staff and company referrals</translation>
        </message>
        <message>
            <source>离职人员客户归销售部</source>
            <translation>Departed consultants' customers</translation>
        </message>
        <message>
            <source>未登记不产生归属</source>
            <translation>No registration, no ownership</translation>
        </message>
        <message>
            <source>轮休与休假</source>
            <translation>Rest days and leave</translation>
        </message>
        <message>
            <source>接待中不参与轮接</source>
            <translation>One party at a time</translation>
        </message>
        <message>
            <source>同行市调可补接</source>
            <translation>Competitors earn a make-up</translation>
        </message>
        <message>
            <source>投诉取消接待</source>
            <translation>Complaints</translation>
        </message>
        <message>
            <source>首次接待确定归属</source>
            <translation>First reception fixes ownership</translation>
        </message>
        <message>
            <source>老带新归原顾问</source>
            <translation>Old customer brings a new one</translation>
        </message>
        <message>
            <source>先登记者优先</source>
            <translation>First registered wins</translation>
        </message>
        <message>
            <source>未登记以指定为准</source>
            <translation>Designated but unregistered</translation>
        </message>
        <message>
            <source>称曾电话约访须通知</source>
            <translation>"Someone phoned me"</translation>
        </message>
        <message>
            <source>调岗由接任者服务</source>
            <translation>Transferred consultants</translation>
        </message>
        <message>
            <source>说不清接待人须公示</source>
            <translation>The daily claim notice</translation>
        </message>
        <message>
            <source>介绍未陪同按轮次</source>
            <translation>Referred but unaccompanied</translation>
        </message>
        <message>
            <source>回访中断归轮接人</source>
            <translation>Lapsed follow-up</translation>
        </message>
        <message>
            <source>原文缺失</source>
            <translation>Not in the received regulation</translation>
        </message>
        <message>
            <source>销售人员亲友介绍</source>
            <translation>consultant's friend or relative</translation>
        </message>
        <message>
            <source>公司同事购房</source>
            <translation>Company colleagues</translation>
        </message>
        <message>
            <source>外场客户须登记</source>
            <translation>Off-site receptions</translation>
        </message>
        <message>
            <source>样板间客户引导</source>
            <translation>Show flats</translation>
        </message>
        <message>
            <source>不得拒接</source>
            <translation>No refusing</translation>
        </message>
        <message>
            <source>认识新客户不作依据</source>
            <translation>Knowing a newcomer</translation>
        </message>
        <message>
            <source>辞退人员客户归销售部</source>
            <translation>Laid off: customers to the department</translation>
        </message>
        <message>
            <source>辞职人员客户归销售部</source>
            <translation>Resigned: customers to the department</translation>
        </message>
        <message>
            <source>案场经理最终裁决</source>
            <translation>The site manager has the final say</translation>
        </message>
        <message>
            <source>不得当面争抢客户</source>
            <translation>No fighting over customers</translation>
        </message>
        <message>
            <source>团购按轮次接待</source>
            <translation>Group purchases</translation>
        </message>
        <message>
            <source>更换顾问须经理确认</source>
            <translation>Change of consultant</translation>
        </message>
        <message>
            <source>业务与贵宾客户</source>
            <translation>Business contacts and guests</translation>
        </message>
        <message>
            <source>亲友须提前报备</source>
            <translation>Consultants' friends and relatives</translation>
        </message>
        <message>
            <source>值班时段归值班人</source>
            <translation>Early and late duty</translation>
        </message>
        <message>
            <source>原文不完整</source>
            <translation>Cut off in the received text</translation>
        </message>
    </context>
    <context>
        <name>SearchDialog</name>
        <message>
            <source>查找客户</source>
            <translation>Find customer</translation>
        </message>
        <message>
            <source>电话尾号、姓名或拼音首字母（如 zs 找张三）</source>
            <translation>Phone tail, name or pinyin initials (zs finds 张三)</translation>
        </message>
        <message>
            <source>显示完整号码</source>
            <translation>Show full numbers</translation>
        </message>
        <message>
            <source>↑↓ 选择客户　Esc 关闭</source>
            <translation>↑↓ choose a customer   Esc closes</translation>
        </message>
        <message>
            <source>输入至少一个字，结果随输入更新</source>
            <translation>Type at least one character; results follow as you type</translation>
        </message>
        <message>
            <source>没有找到客户</source>
            <translation>No customer found</translation>
        </message>
        <message>
            <source>找到 {n} 位客户</source>
            <translation>{n} customers found</translation>
        </message>
    </context>
    <context>
        <name>WallView</name>
        <message>
            <source>轮接看板</source>
            <translation>Rotation board</translation>
        </message>
        <message>
            <source>下一位</source>
            <translation>Next up</translation>
        </message>
        <message>
            <source>今日尚未开始营业</source>
            <translation>The working day has not been opened</translation>
        </message>
        <message>
            <source>随后：{names}</source>
            <translation>Then: {names}</translation>
        </message>
        <message>
            <source>等候中 {n} 组：{names}</source>
            <translation>Waiting ({n}): {names}</translation>
        </message>
        <message>
            <source>补{rule}</source>
            <translation>+{rule}</translation>
        </message>
    </context>
    <context>
        <name>PdfPrinter</name>
        <message>
            <source>PDF已保存。要打印吗？</source>
            <translation>The PDF is saved. Print it?</translation>
        </message>
        <message>
            <source>打印…</source>
            <translation>Print…</translation>
        </message>
        <message>
            <source>打印预览…</source>
            <translation>Print preview…</translation>
        </message>
        <message>
            <source>打开PDF</source>
            <translation>Open the PDF</translation>
        </message>
        <message>
            <source>不打印</source>
            <translation>Don't print</translation>
        </message>
    </context>
</TS>
